package dev.strata.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Which columns of a Spark row make up each named tensor (a model input or an output's target),
 * resolved against a schema once on the driver: numeric columns give one feature each, array
 * columns ({@code array<float>}, {@code array<double>}) as many as their length.
 *
 * <p>Serializable: shipped to executors, where {@link #gather} packs rows into flat row-major
 * arrays without looking names up again.
 */
public final class RowColumns implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Map<String, int[]> indices = new LinkedHashMap<>();
    private final Map<String, String[]> names = new LinkedHashMap<>();
    private final Map<String, boolean[]> arrays = new LinkedHashMap<>();

    private RowColumns() {
    }

    /**
     * Resolves each tensor's columns in {@code schema}.
     *
     * @param what "input" or "target", for messages
     * @throws IllegalArgumentException naming the column and the schema when a column is missing or not numeric
     */
    public static RowColumns resolve(StructType schema, Map<String, List<String>> columns, String what) {
        RowColumns rc = new RowColumns();
        List<String> available = List.of(schema.fieldNames());
        columns.forEach((tensor, cols) -> {
            int[] idx = new int[cols.size()];
            boolean[] isArray = new boolean[cols.size()];
            for (int i = 0; i < cols.size(); i++) {
                String c = cols.get(i);
                if (!available.contains(c)) {
                    throw new IllegalArgumentException(what + " '" + tensor + "': no column '" + c + "' in the DataFrame; its columns are " + available);
                }
                idx[i] = schema.fieldIndex(c);
                StructField f = schema.fields()[idx[i]];
                DataType t = f.dataType();
                isArray[i] = t instanceof ArrayType a && a.elementType() instanceof NumericType;
                if (!(t instanceof NumericType) && !isArray[i]) {
                    throw new IllegalArgumentException(what + " '" + tensor + "': column '" + c + "' is " + t.simpleString()
                            + ", expected a number or an array of numbers (encode text first)");
                }
            }
            rc.indices.put(tensor, idx);
            rc.names.put(tensor, cols.toArray(String[]::new));
            rc.arrays.put(tensor, isArray);
        });
        return rc;
    }

    /** The tensor names, in order. */
    public List<String> tensors() {
        return new ArrayList<>(indices.keySet());
    }

    /**
     * Packs rows into one flat row-major array per tensor.
     *
     * @throws IllegalArgumentException naming the column and the row (0-based within the batch) for a null or a ragged array
     */
    public Map<String, float[]> gather(List<Row> rows) {
        Map<String, float[]> out = new LinkedHashMap<>();
        indices.forEach((tensor, idx) -> {
            boolean[] isArray = arrays.get(tensor);
            String[] cols = names.get(tensor);
            int width = rows.isEmpty() ? 0 : width(rows.get(0), idx, isArray, cols);
            float[] flat = new float[rows.size() * width];
            int at = 0;
            for (int r = 0; r < rows.size(); r++) {
                Row row = rows.get(r);
                int start = at;
                for (int i = 0; i < idx.length; i++) {
                    if (row.isNullAt(idx[i])) throw new IllegalArgumentException("column '" + cols[i] + "' is null in row " + r + " of a batch: fill or drop missing values first");
                    if (isArray[i]) {
                        List<Object> values = row.getList(idx[i]);
                        if (at + values.size() > start + width) throw ragged(cols[i], r, width);
                        for (Object v : values) flat[at++] = number(v, cols[i], r);
                    } else {
                        flat[at++] = number(row.get(idx[i]), cols[i], r);
                    }
                }
                if (at != start + width) throw ragged(cols[i(cols)], r, width);
            }
            out.put(tensor, flat);
        });
        return out;
    }

    private static int i(String[] cols) {
        return cols.length - 1;
    }

    private static int width(Row row, int[] idx, boolean[] isArray, String[] cols) {
        int w = 0;
        for (int i = 0; i < idx.length; i++) {
            if (row.isNullAt(idx[i])) throw new IllegalArgumentException("column '" + cols[i] + "' is null in row 0 of a batch: fill or drop missing values first");
            w += isArray[i] ? row.getList(idx[i]).size() : 1;
        }
        return w;
    }

    private static IllegalArgumentException ragged(String column, int row, int width) {
        return new IllegalArgumentException("array column '" + column + "' has a different length in row " + row
                + " of a batch than in its first row (" + width + " features in all): arrays must all have one length");
    }

    private static float number(Object v, String column, int row) {
        if (v instanceof Number n) return n.floatValue();
        throw new IllegalArgumentException("column '" + column + "' holds " + (v == null ? "null" : v.getClass().getSimpleName())
                + " in row " + row + " of a batch, expected a number");
    }
}
