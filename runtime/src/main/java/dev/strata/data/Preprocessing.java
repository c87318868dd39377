package dev.strata.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Fitted preprocessing: missing-value fills, scalers and one-hot encodings learned from the
 * training rows only, then applied unchanged to validation, test and prediction rows. It is saved
 * inside the model ({@link #saveTo}, in {@code Model.metadata()}), together with which columns
 * feed which model input, so that a loaded model takes raw rows.
 *
 * <pre>{@code
 * Preprocessing prep = Preprocessing.builder()
 *         .fillMedian("RH").standardize("AT", "AP", "RH")
 *         .fit(trainTable)                                   // training rows only
 *         .withInputs(Map.of("input", List.of("AT", "AP", "RH")));
 * prep.saveTo(model.metadata());
 * // later, after Model.load:
 * Preprocessing restored = Preprocessing.from(model.metadata()).orElseThrow();
 * Map<String, float[][]> x = restored.predictionInputs(rawRows);
 * }</pre>
 *
 * <p>Steps run in the order given, each fitted on the training rows as the earlier steps left
 * them (a median fill before a scaler means the scaler sees filled values). At prediction a step
 * whose columns are all absent (a target's, say) is skipped; a step missing some of its columns is
 * an error.
 */
public final class Preprocessing {
    /** The key under which {@link #saveTo} stores the JSON in a model's metadata. */
    public static final String METADATA_KEY = "strata.preprocessing";

    private final List<PreprocessingStep> steps;
    private final Map<String, List<String>> inputs;

    /**
     * @param steps fitted steps, applied in order
     * @param inputs model input name → the columns that feed it (may be empty until
     *     {@link #withInputs} sets it)
     */
    public Preprocessing(List<PreprocessingStep> steps, Map<String, List<String>> inputs) {
        this.steps = List.copyOf(steps);
        Map<String, List<String>> copy = new LinkedHashMap<>();
        inputs.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        this.inputs = Collections.unmodifiableMap(copy);
    }

    /** @return a builder of steps to fit */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the fitted steps, in order */
    public List<PreprocessingStep> steps() {
        return steps;
    }

    /** @return model input name → the columns that feed it; empty when not set */
    public Map<String, List<String>> inputs() {
        return inputs;
    }

    /** @return these steps with an input layout (the model input name → columns map of {@link Features#inputs()}) */
    public Preprocessing withInputs(Map<String, List<String>> inputs) {
        return new Preprocessing(steps, inputs);
    }

    /**
     * Applies the steps to a training, validation or test row.
     *
     * @param row column → number, text or vector; not modified
     * @param source where the row came from, for error messages
     * @return the preprocessed row, or {@code null} when a {@code dropMissing} step drops it
     * @throws DataFormatException naming the row and column when a value does not fit a step
     */
    public Map<String, Object> apply(Map<String, ?> row, RowSource source) {
        return run(row, source, false);
    }

    /**
     * Applies the steps to a row to predict on: steps on absent columns (targets) are skipped,
     * and a row is never dropped (a value {@code dropMissing} would drop is an error).
     */
    public Map<String, Object> applyForPrediction(Map<String, ?> row, RowSource source) {
        return run(row, source, true);
    }

    /**
     * Preprocesses raw rows and gathers them into the model's inputs, by {@link #inputs()}.
     *
     * @param rows raw rows (column → number or text), as they would appear in the training data
     * @return model input name → rows × features
     * @throws IllegalStateException if no input layout was saved
     * @throws DataFormatException naming the row (1-based, {@code <predict>:n}) and column of a bad value
     */
    public Map<String, float[][]> predictionInputs(List<? extends Map<String, ?>> rows) {
        if (inputs.isEmpty()) {
            throw new IllegalStateException("this preprocessing has no input layout: save it with withInputs(features)");
        }
        List<Map<String, Object>> prepared = new ArrayList<>(rows.size());
        List<RowSource> sources = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            RowSource source = new RowSource("<predict>", i + 1L);
            prepared.add(applyForPrediction(rows.get(i), source));
            sources.add(source);
        }
        Map<String, float[][]> out = new LinkedHashMap<>();
        inputs.forEach((name, columns) -> {
            float[] flat = Features.matrix(prepared, sources, columns);
            int width = rows.isEmpty() ? 0 : flat.length / rows.size();
            float[][] matrix = new float[rows.size()][];
            for (int r = 0; r < matrix.length; r++) {
                matrix[r] = Arrays.copyOfRange(flat, r * width, (r + 1) * width);
            }
            out.put(name, matrix);
        });
        return out;
    }

    /** @return the steps and input layout as JSON text */
    public String toJson() {
        return PreprocessingJson.write(this);
    }

    /**
     * @return the preprocessing {@link #toJson} wrote
     * @throws IllegalArgumentException if the text is not such JSON
     */
    public static Preprocessing fromJson(String json) {
        return PreprocessingJson.read(json);
    }

    /** Stores this preprocessing in a model's metadata ({@code model.metadata()}) under {@link #METADATA_KEY}. */
    public void saveTo(Map<String, String> metadata) {
        metadata.put(METADATA_KEY, toJson());
    }

    /** @return the preprocessing saved in a model's metadata, if any */
    public static Optional<Preprocessing> from(Map<String, String> metadata) {
        String json = metadata.get(METADATA_KEY);
        return json == null ? Optional.empty() : Optional.of(fromJson(json));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Preprocessing p && steps.equals(p.steps) && inputs.equals(p.inputs);
    }

    @Override
    public int hashCode() {
        return 31 * steps.hashCode() + inputs.hashCode();
    }

    @Override
    public String toString() {
        return "Preprocessing" + steps + (inputs.isEmpty() ? "" : " -> " + inputs);
    }

    private Map<String, Object> run(Map<String, ?> row, RowSource source, boolean predicting) {
        Map<String, Object> out = new LinkedHashMap<>(row);
        return applyAll(steps, out, source, predicting) ? out : null;
    }

    /** Applies steps in place; false when the row is dropped. */
    static boolean applyAll(List<PreprocessingStep> steps, Map<String, Object> row, RowSource source, boolean predicting) {
        for (PreprocessingStep step : steps) {
            List<String> absent = step.columns().stream().filter(c -> !row.containsKey(c)).toList();
            if (!absent.isEmpty()) {
                if (predicting && absent.size() == step.columns().size()) {
                    continue; // a step on targets: nothing to do when predicting
                }
                throw new DataFormatException(source.file(), source.line(), 0, null, "no column '" + absent.get(0)
                        + "', which the preprocessing was fitted with; the row has "
                        + Table.quoted(new ArrayList<>(row.keySet())), null);
            }
            if (!step.apply(row, source, predicting)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Steps to fit, in order. Each method names the columns it works on; {@code fit} learns what
     * each step needs from the training rows.
     */
    public static final class Builder {
        private final List<Pending> pending = new ArrayList<>();
        private final Set<String> columns = new LinkedHashSet<>();
        private final Set<String> encoded = new LinkedHashSet<>();

        private Builder() {
        }

        /** Missing numbers take the median of the column's training values. */
        public Builder fillMedian(String... columns) {
            for (String column : names(columns)) {
                add(List.of(column), (rows, sources) -> new PreprocessingStep.FillMissing(column, median(rows, sources, column)));
            }
            return this;
        }

        /** Missing numbers take {@code value}. */
        public Builder fillConstant(double value, String... columns) {
            for (String column : names(columns)) {
                PreprocessingStep step = new PreprocessingStep.FillMissing(column, value);
                add(List.of(column), (rows, sources) -> step);
            }
            return this;
        }

        /** Rows with a missing value (a number, or an empty text cell) in any of the columns are dropped. */
        public Builder dropMissing(String... columns) {
            PreprocessingStep step = new PreprocessingStep.DropMissing(names(columns));
            add(step.columns(), (rows, sources) -> step);
            return this;
        }

        /** Standardises the columns to training mean 0 and standard deviation 1. */
        public Builder standardize(String... columns) {
            List<String> names = names(columns);
            add(names, (rows, sources) -> new PreprocessingStep.Standardize(names,
                    StandardScaler.fit(matrix(rows, sources, names, "standardize"))));
            return this;
        }

        /** Rescales the columns so their training minimum and maximum become 0 and 1. */
        public Builder minMax(String... columns) {
            return minMax(0, 1, columns);
        }

        /** Rescales the columns so their training minimum and maximum become {@code low} and {@code high}. */
        public Builder minMax(double low, double high, String... columns) {
            List<String> names = names(columns);
            add(names, (rows, sources) -> new PreprocessingStep.MinMax(names,
                    MinMaxScaler.fit(matrix(rows, sources, names, "minMax"), low, high)));
            return this;
        }

        /** A class index column (0 to {@code classes} − 1) becomes a one-hot vector. */
        public Builder toCategorical(String column, int classes) {
            PreprocessingStep step = new PreprocessingStep.ToCategorical(column, classes);
            add(List.of(column), (rows, sources) -> step);
            encoded.add(column);
            return this;
        }

        /** A text column becomes a one-hot vector over the categories of the training rows (sorted). */
        public Builder oneHot(String column) {
            add(List.of(column), (rows, sources) -> new PreprocessingStep.OneHotText(column, categories(rows, sources, column)));
            encoded.add(column);
            return this;
        }

        /** @return every column a step names, to read only those when fitting */
        public Set<String> columns() {
            return Collections.unmodifiableSet(columns);
        }

        /**
         * Fits the steps in order, each on the training rows as the earlier ones left them.
         *
         * @param rows the training rows only (column → number, text or vector); not modified
         * @param sources where each row came from (parallel to {@code rows}); null for rows made in memory
         * @return the fitted preprocessing, without an input layout
         * @throws DataFormatException naming the row and column of a value a step cannot fit on
         */
        public Preprocessing fit(List<? extends Map<String, ?>> rows, List<RowSource> sources) {
            List<Map<String, Object>> data = new ArrayList<>(rows.size());
            List<RowSource> where = new ArrayList<>(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                data.add(new LinkedHashMap<>(rows.get(i)));
                RowSource s = sources == null ? null : sources.get(i);
                where.add(s != null ? s : new RowSource("<memory>", i + 1L));
            }
            List<PreprocessingStep> fitted = new ArrayList<>();
            for (Pending p : pending) {
                requirePresent(p.columns, data, where);
                PreprocessingStep step = p.fitter.fit(data, where);
                fitted.add(step);
                List<PreprocessingStep> one = List.of(step);
                List<Map<String, Object>> kept = new ArrayList<>(data.size());
                List<RowSource> keptWhere = new ArrayList<>(data.size());
                for (int i = 0; i < data.size(); i++) {
                    if (applyAll(one, data.get(i), where.get(i), false)) {
                        kept.add(data.get(i));
                        keptWhere.add(where.get(i));
                    }
                }
                data = kept;
                where = keptWhere;
            }
            return new Preprocessing(fitted, Map.of());
        }

        /** Fits the steps on the rows of a training table (text columns as text, missing numbers as {@code NaN}). */
        public Preprocessing fit(Table train) {
            List<Map<String, Object>> rows = new ArrayList<>(train.rows());
            List<RowSource> sources = new ArrayList<>(train.rows());
            List<String> names = columns.stream().filter(train::hasColumn).toList();
            for (int i = 0; i < train.rows(); i++) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (String name : names) {
                    Column column = train.lookup(name);
                    row.put(name, column instanceof Column.Numeric n ? (Object) n.values()[i] : ((Column.Text) column).values()[i]);
                }
                rows.add(row);
                sources.add(train.rowSource(i));
            }
            return fit(rows, sources);
        }

        private void add(List<String> names, Fitter fitter) {
            for (String name : names) {
                if (encoded.contains(name)) {
                    throw new IllegalArgumentException("column '" + name + "' is one-hot encoded by an earlier step;"
                            + " encode a column last");
                }
            }
            columns.addAll(names);
            pending.add(new Pending(names, fitter));
        }

        private static List<String> names(String... columns) {
            if (columns.length == 0) {
                throw new IllegalArgumentException("a preprocessing step needs at least one column");
            }
            return List.of(columns);
        }

        private static void requirePresent(List<String> columns, List<Map<String, Object>> rows, List<RowSource> sources) {
            if (rows.isEmpty()) {
                throw new IllegalArgumentException("cannot fit preprocessing on no training rows");
            }
            for (String c : columns) {
                if (!rows.get(0).containsKey(c)) {
                    RowSource s = sources.get(0);
                    throw new DataFormatException(s.file(), s.line(), 0, null, "no column '" + c + "' to fit"
                            + " preprocessing on; the row has " + Table.quoted(new ArrayList<>(rows.get(0).keySet())), null);
                }
            }
        }

        private static double median(List<Map<String, Object>> rows, List<RowSource> sources, String column) {
            double[] present = new double[rows.size()];
            int n = 0;
            for (int i = 0; i < rows.size(); i++) {
                double v = number(rows.get(i), sources.get(i), column, "fillMedian");
                if (!Double.isNaN(v)) {
                    present[n++] = v;
                }
            }
            if (n == 0) {
                throw new DataFormatException(sources.get(0).file(), "column '" + column
                        + "' has no values in the training rows, so it has no median to fill with");
            }
            Arrays.sort(present, 0, n);
            int mid = n / 2;
            return n % 2 == 1 ? present[mid] : (present[mid - 1] + present[mid]) / 2;
        }

        private static float[][] matrix(List<Map<String, Object>> rows, List<RowSource> sources, List<String> columns,
                                        String step) {
            float[][] out = new float[rows.size()][columns.size()];
            for (int i = 0; i < rows.size(); i++) {
                for (int j = 0; j < columns.size(); j++) {
                    double v = number(rows.get(i), sources.get(i), columns.get(j), step);
                    if (Double.isNaN(v)) {
                        RowSource s = sources.get(i);
                        throw new DataFormatException(s.file(), s.line(), 0, columns.get(j), "missing value; fill or"
                                + " drop missing values (fillMedian, fillConstant, dropMissing) before " + step, null);
                    }
                    out[i][j] = (float) v;
                }
            }
            return out;
        }

        private static List<String> categories(List<Map<String, Object>> rows, List<RowSource> sources, String column) {
            Set<String> seen = new TreeSet<>();
            for (int i = 0; i < rows.size(); i++) {
                Object value = rows.get(i).get(column);
                RowSource s = sources.get(i);
                if (!(value instanceof String category)) {
                    throw new DataFormatException(s.file(), s.line(), 0, column, "oneHot expects a text column, got "
                            + value + "; for class indices use toCategorical(column, classes)", null);
                }
                if (category.isEmpty()) {
                    throw new DataFormatException(s.file(), s.line(), 0, column, "missing category (empty cell);"
                            + " drop such rows first (dropMissing)", null);
                }
                seen.add(category);
            }
            return List.copyOf(seen);
        }

        private static double number(Map<String, Object> row, RowSource source, String column, String step) {
            Object value = row.get(column);
            if (value instanceof Number n) {
                return n.doubleValue();
            }
            throw new DataFormatException(source.file(), source.line(), 0, column, step + " expects a number, got "
                    + (value instanceof String s ? "text '" + s + "'" : String.valueOf(value)), null);
        }

        /** Learns one step from the training rows as the earlier steps left them. */
        @FunctionalInterface
        private interface Fitter {
            PreprocessingStep fit(List<Map<String, Object>> rows, List<RowSource> sources);
        }

        private record Pending(List<String> columns, Fitter fitter) {
        }
    }
}
