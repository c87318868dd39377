package dev.strata.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which columns of a row feed which model input, and which columns are the target of which
 * output: the link between named data and a model's named tensors.
 *
 * <pre>{@code
 * // one input, two outputs (SPEC E8)
 * new Features(Map.of("input", List.of("AT", "AP", "RH")), Map.of("pe", List.of("PE"), "v", List.of("V")));
 * }</pre>
 *
 * <p>A row is a map from column name to a number ({@link Number}, one feature), a vector
 * ({@code float[]} or {@code double[]}, as many features as its length, e.g. an image or a
 * one-hot label) or text. Text must be encoded first ({@link Preprocessing.Builder#oneHot}), and a
 * missing number ({@code NaN}) filled or dropped: neither is ever turned into a feature silently.
 *
 * @param inputs model input name → the columns concatenated, in order, into its rows
 * @param targets output name → the columns of its targets; may be empty (prediction)
 */
public record Features(Map<String, List<String>> inputs, Map<String, List<String>> targets) {

    /** The input name {@link #of} uses; a model with one input takes it whatever its own name. */
    public static final String SINGLE_INPUT = "input";
    /** The target name {@link #of} uses; a model with one trained output takes it whatever its name. */
    public static final String SINGLE_TARGET = "target";

    /** Checks that every input and target names at least one column, and copies the maps (keeping their order). */
    public Features {
        inputs = copy(inputs, "input");
        targets = copy(targets, "target");
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("features need at least one input");
        }
    }

    /** @return one input made of {@code inputColumns} and one target made of {@code targetColumns} (none: no target) */
    public static Features of(List<String> inputColumns, List<String> targetColumns) {
        return new Features(Map.of(SINGLE_INPUT, inputColumns),
                targetColumns.isEmpty() ? Map.of() : Map.of(SINGLE_TARGET, targetColumns));
    }

    /**
     * @return the number of features the columns give in this row
     * @throws DataFormatException naming the row and column if a column is absent or text
     */
    public static int width(Map<String, ?> row, List<String> columns, RowSource source) {
        int width = 0;
        for (String column : columns) {
            width += width(row, column, source);
        }
        return width;
    }

    /**
     * Gathers the columns of every row into a row-major matrix of {@code rows.size()} rows, as
     * wide as the first row's columns.
     *
     * @param sources where each row came from (parallel to {@code rows}), for error messages; null
     *     entries or a null list mean rows made in memory
     * @return {@code rows.size() × width} floats
     * @throws DataFormatException naming the row and column of an absent, text, missing or
     *     differently sized value
     */
    public static float[] matrix(List<? extends Map<String, ?>> rows, List<RowSource> sources, List<String> columns) {
        if (rows.isEmpty()) {
            return new float[0];
        }
        int width = width(rows.get(0), columns, source(sources, 0));
        float[] out = new float[rows.size() * width];
        for (int r = 0; r < rows.size(); r++) {
            Map<String, ?> row = rows.get(r);
            RowSource where = source(sources, r);
            int at = r * width;
            for (String column : columns) {
                Object value = row.get(column);
                int w = width(row, column, where);
                if (at + w > (r + 1) * width) {
                    throw new DataFormatException(where.file(), where.line(), 0, column, "gives more features than"
                            + " the first row of the batch (" + width + " for " + columns + ")", null);
                }
                if (value instanceof Number n) {
                    out[at++] = finite(n.doubleValue(), where, column);
                } else if (value instanceof float[] v) {
                    for (float x : v) {
                        out[at++] = finite(x, where, column);
                    }
                } else {
                    for (double x : (double[]) value) {
                        out[at++] = finite(x, where, column);
                    }
                }
            }
            if (at != (r + 1) * width) {
                throw new DataFormatException(where.file(), where.line(), 0, null, "columns " + columns + " give "
                        + (at - r * width) + " features, the first row of the batch " + width, null);
            }
        }
        return out;
    }

    /** @return every column the inputs and targets read, each once, inputs first */
    public List<String> columns() {
        List<String> all = new ArrayList<>();
        inputs.values().forEach(cs -> cs.stream().filter(c -> !all.contains(c)).forEach(all::add));
        targets.values().forEach(cs -> cs.stream().filter(c -> !all.contains(c)).forEach(all::add));
        return Collections.unmodifiableList(all);
    }

    private static int width(Map<String, ?> row, String column, RowSource source) {
        Object value = row.get(column);
        if (value instanceof Number) {
            return 1;
        }
        if (value instanceof float[] v) {
            return v.length;
        }
        if (value instanceof double[] v) {
            return v.length;
        }
        if (value == null) {
            throw new DataFormatException(source.file(), source.line(), 0, null, "no column '" + column
                    + "'; the row has " + Table.quoted(new ArrayList<>(row.keySet())), null);
        }
        if (value instanceof String) {
            throw new DataFormatException(source.file(), source.line(), 0, column, "text cannot be a feature;"
                    + " encode it first (Preprocessing oneHot)", null);
        }
        throw new IllegalArgumentException("column '" + column + "' at " + source + " holds a "
                + value.getClass().getSimpleName() + "; expected a number, float[] or double[]");
    }

    private static float finite(double value, RowSource where, String column) {
        if (Double.isNaN(value)) {
            throw new DataFormatException(where.file(), where.line(), 0, column, "missing value; fill or drop"
                    + " missing values (Preprocessing fillMedian, fillConstant, dropMissing) before batching", null);
        }
        return (float) value;
    }

    private static RowSource source(List<RowSource> sources, int row) {
        RowSource s = sources == null ? null : sources.get(row);
        return s != null ? s : new RowSource("<memory>", row + 1L);
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> map, String what) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        map.forEach((name, columns) -> {
            if (columns == null || columns.isEmpty()) {
                throw new IllegalArgumentException(what + " '" + name + "' needs at least one column");
            }
            out.put(name, List.copyOf(columns));
        });
        return Collections.unmodifiableMap(out);
    }
}
