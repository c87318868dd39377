package dev.strata.data;

import java.util.List;
import java.util.Map;

/**
 * One fitted step of a {@link Preprocessing}: what it learned from the training rows and how it
 * changes a row. Steps are immutable; {@link Preprocessing.Builder} fits them.
 *
 * <p>A row is a mutable map from column name to a {@link Double} (numbers, {@code NaN} when
 * missing), a {@link String} (text, empty when missing) or a {@code float[]} (a vector).
 */
public sealed interface PreprocessingStep
        permits PreprocessingStep.FillMissing, PreprocessingStep.DropMissing, PreprocessingStep.Standardize,
        PreprocessingStep.MinMax, PreprocessingStep.ToCategorical, PreprocessingStep.OneHotText {

    /** @return the columns the step reads (and writes) */
    List<String> columns();

    /**
     * Changes one row in place. {@link Preprocessing} calls it only when every column of
     * {@link #columns()} is in the row.
     *
     * @param source where the row came from, for error messages
     * @param predicting true for a row to predict on, which cannot be dropped
     * @return false when the row is to be dropped
     * @throws DataFormatException naming the row and column when a value does not fit the step
     */
    boolean apply(Map<String, Object> row, RowSource source, boolean predicting);

    /**
     * A missing number takes a value learned from the training rows (their median) or given.
     *
     * @param column a numeric column
     * @param value the replacement, finite
     */
    record FillMissing(String column, double value) implements PreprocessingStep {
        /** Rejects a non-finite value, which would only bring the missing value back. */
        public FillMissing {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("fill value for '" + column + "' must be finite, got " + value);
            }
        }

        @Override
        public List<String> columns() {
            return List.of(column);
        }

        @Override
        public boolean apply(Map<String, Object> row, RowSource source, boolean predicting) {
            if (Double.isNaN(number(row, column, source))) {
                row.put(column, value);
            }
            return true;
        }
    }

    /**
     * Rows with a missing value in any of the columns are dropped. A row to predict on cannot be
     * dropped, so there a missing value is an error.
     *
     * @param columns numeric or text columns (an empty text cell is missing)
     */
    record DropMissing(List<String> columns) implements PreprocessingStep {
        /** Copies the list. */
        public DropMissing {
            columns = List.copyOf(columns);
        }

        @Override
        public boolean apply(Map<String, Object> row, RowSource source, boolean predicting) {
            for (String column : columns) {
                Object value = row.get(column);
                boolean missing = value instanceof String s ? s.isEmpty()
                        : value instanceof Number n && Double.isNaN(n.doubleValue());
                if (missing) {
                    if (predicting) {
                        throw new DataFormatException(source.file(), source.line(), 0, column, "missing value; the"
                                + " model was trained without such rows (dropMissing), so it cannot predict on this one", null);
                    }
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * Standardises the columns with a {@link StandardScaler} fitted on the training rows.
     *
     * @param columns numeric columns, in the scaler's feature order
     * @param scaler the fitted scaler
     */
    record Standardize(List<String> columns, StandardScaler scaler) implements PreprocessingStep {
        /** Checks that there is one column per feature. */
        public Standardize {
            columns = List.copyOf(columns);
            checkWidth("standardize", columns, scaler.features());
        }

        @Override
        public boolean apply(Map<String, Object> row, RowSource source, boolean predicting) {
            transform(row, source, columns, scaler, "standardize");
            return true;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Standardize s && columns.equals(s.columns) && scaler.state().equals(s.scaler.state());
        }

        @Override
        public int hashCode() {
            return 31 * columns.hashCode() + scaler.state().hashCode();
        }
    }

    /**
     * Rescales the columns with a {@link MinMaxScaler} fitted on the training rows.
     *
     * @param columns numeric columns, in the scaler's feature order
     * @param scaler the fitted scaler
     */
    record MinMax(List<String> columns, MinMaxScaler scaler) implements PreprocessingStep {
        /** Checks that there is one column per feature. */
        public MinMax {
            columns = List.copyOf(columns);
            checkWidth("minMax", columns, scaler.features());
        }

        @Override
        public boolean apply(Map<String, Object> row, RowSource source, boolean predicting) {
            transform(row, source, columns, scaler, "minMax");
            return true;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof MinMax m && columns.equals(m.columns) && scaler.state().equals(m.scaler.state());
        }

        @Override
        public int hashCode() {
            return 31 * columns.hashCode() + scaler.state().hashCode();
        }
    }

    /**
     * A class index becomes a one-hot vector, as Keras's {@code to_categorical}.
     *
     * @param column a numeric column of whole numbers in {@code [0, classes)}
     * @param classes the number of classes
     */
    record ToCategorical(String column, int classes) implements PreprocessingStep {
        /** Checks that there is at least one class. */
        public ToCategorical {
            if (classes <= 0) {
                throw new IllegalArgumentException("toCategorical('" + column + "'): classes must be positive, got " + classes);
            }
        }

        @Override
        public List<String> columns() {
            return List.of(column);
        }

        @Override
        public boolean apply(Map<String, Object> row, RowSource source, boolean predicting) {
            double label = number(row, column, source);
            if (Double.isNaN(label) || label != Math.rint(label) || label < 0 || label >= classes) {
                throw new DataFormatException(source.file(), source.line(), 0, column, "label "
                        + (Double.isNaN(label) ? "missing" : format(label)) + " is not a class index in [0, " + classes + ")", null);
            }
            row.put(column, OneHot.toCategoricalFlat(new int[] {(int) label}, classes));
            return true;
        }
    }

    /**
     * A text category becomes a one-hot vector over the categories seen in the training rows.
     * A category not seen there is an error, never an all-zero vector.
     *
     * @param column a text column
     * @param categories the training categories, in vector order
     */
    record OneHotText(String column, List<String> categories) implements PreprocessingStep {
        /** Copies the list. */
        public OneHotText {
            categories = List.copyOf(categories);
            if (categories.isEmpty()) {
                throw new IllegalArgumentException("oneHot('" + column + "') needs at least one category");
            }
        }

        @Override
        public List<String> columns() {
            return List.of(column);
        }

        @Override
        public boolean apply(Map<String, Object> row, RowSource source, boolean predicting) {
            Object value = row.get(column);
            if (!(value instanceof String category)) {
                throw new DataFormatException(source.file(), source.line(), 0, column, "oneHot expects text, got "
                        + describe(value) + "; for class indices use toCategorical", null);
            }
            int index = categories.indexOf(category);
            if (index < 0) {
                throw new DataFormatException(source.file(), source.line(), 0, column, (category.isEmpty()
                        ? "missing category (empty cell)" : "category '" + category + "' was not in the training rows")
                        + "; known categories: " + Table.quoted(categories), null);
            }
            float[] vector = new float[categories.size()];
            vector[index] = 1f;
            row.put(column, vector);
            return true;
        }
    }

    // ---- shared by the steps ----

    /** @return the number in a column, NaN when missing */
    private static double number(Map<String, Object> row, String column, RowSource source) {
        Object value = row.get(column);
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        throw new DataFormatException(source.file(), source.line(), 0, column, "expected a number, got "
                + describe(value), null);
    }

    private static void transform(Map<String, Object> row, RowSource source, List<String> columns, Scaler scaler,
                                  String step) {
        float[] x = new float[columns.size()];
        for (int j = 0; j < x.length; j++) {
            double v = number(row, columns.get(j), source);
            if (Double.isNaN(v)) {
                throw new DataFormatException(source.file(), source.line(), 0, columns.get(j), "missing value; fill"
                        + " or drop missing values (fillMedian, fillConstant, dropMissing) before " + step, null);
            }
            x[j] = (float) v;
        }
        float[] y = scaler.transform(x);
        for (int j = 0; j < y.length; j++) {
            row.put(columns.get(j), (double) y[j]);
        }
    }

    private static void checkWidth(String step, List<String> columns, int features) {
        if (columns.size() != features) {
            throw new IllegalArgumentException(step + " of " + columns + ": the scaler has " + features + " features");
        }
    }

    private static String describe(Object value) {
        if (value instanceof String s) {
            return "text '" + s + "'";
        }
        if (value instanceof float[] || value instanceof double[]) {
            return "a vector";
        }
        return String.valueOf(value);
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
