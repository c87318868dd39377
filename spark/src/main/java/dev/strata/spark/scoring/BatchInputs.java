package dev.strata.spark.scoring;

import dev.strata.data.Preprocessing;
import dev.strata.model.Model;
import dev.strata.ops.Tensor;
import dev.strata.spark.RowColumns;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/** Turns a batch of Spark rows into the model's input tensors: mapped columns, or raw columns through saved preprocessing. */
abstract sealed class BatchInputs implements Serializable {
    private static final long serialVersionUID = 1L;

    abstract Map<String, Tensor> tensors(Model model, List<Row> rows);

    static BatchInputs columns(Model model, RowColumns columns) {
        return new Columns(columns, shapes(model));
    }

    static BatchInputs raw(Model model, StructType schema) {
        Preprocessing prep = SparkScorer.preprocessingOf(model);
        if (prep.inputs().isEmpty()) throw new IllegalStateException("model '" + model.name() + "' was saved with preprocessing but no input layout: save it with withInputs(features)");
        // Missing columns are reported per row by the preprocessing itself, naming the column.
        return new Raw(schema.fieldNames(), shapes(model));
    }

    private static Map<String, int[]> shapes(Model model) {
        Map<String, int[]> s = new LinkedHashMap<>();
        for (String in : model.inputNames()) s.put(in, model.graph().inputShape(in));
        return s;
    }

    static Tensor tensor(float[] flat, int rows, int[] shape) {
        int[] full = new int[shape.length + 1];
        full[0] = rows;
        System.arraycopy(shape, 0, full, 1, shape.length);
        long per = 1;
        for (int d : shape) per *= d;
        if (flat.length != rows * per) {
            throw new IllegalArgumentException("the mapped columns give " + (rows == 0 ? 0 : flat.length / rows) + " features per row, the model input takes "
                    + per + " (shape " + java.util.Arrays.toString(shape) + ")");
        }
        return Tensor.of(flat, full);
    }

    /** Columns mapped to inputs by name. */
    static final class Columns extends BatchInputs {
        private static final long serialVersionUID = 1L;
        private final RowColumns columns;
        private final Map<String, int[]> shapes;

        Columns(RowColumns columns, Map<String, int[]> shapes) {
            this.columns = columns;
            this.shapes = shapes;
        }

        @Override
        Map<String, Tensor> tensors(Model model, List<Row> rows) {
            Map<String, Tensor> out = new LinkedHashMap<>();
            columns.gather(rows).forEach((in, flat) -> {
                try {
                    out.put(in, tensor(flat, rows.size(), shapes.get(in)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("input '" + in + "': " + e.getMessage(), e);
                }
            });
            return out;
        }
    }

    /** Whole rows through the model's saved preprocessing, as {@code predictAllRaw} does. */
    static final class Raw extends BatchInputs {
        private static final long serialVersionUID = 1L;
        private final String[] names;
        private final Map<String, int[]> shapes;

        Raw(String[] names, Map<String, int[]> shapes) {
            this.names = names;
            this.shapes = shapes;
        }

        @Override
        Map<String, Tensor> tensors(Model model, List<Row> rows) {
            List<Map<String, Object>> raw = new ArrayList<>(rows.size());
            for (Row r : rows) {
                Map<String, Object> m = new HashMap<>();
                for (int i = 0; i < names.length; i++) {
                    Object v = r.get(i);
                    if (v instanceof Number n) v = n.doubleValue();
                    else if (v == null) v = Double.NaN; // missing: the preprocessing's fill step or a clear error
                    m.put(names[i], v);
                }
                raw.add(m);
            }
            Map<String, float[][]> matrices = SparkScorer.preprocessingOf(model).predictionInputs(raw);
            Map<String, Tensor> out = new LinkedHashMap<>();
            matrices.forEach((name, matrix) -> {
                String in = shapes.containsKey(name) ? name : model.inputNames().get(0);
                int width = matrix.length == 0 ? 0 : matrix[0].length;
                float[] flat = new float[matrix.length * width];
                for (int i = 0; i < matrix.length; i++) System.arraycopy(matrix[i], 0, flat, i * width, width);
                out.put(in, tensor(flat, rows.size(), shapes.get(in)));
            });
            return out;
        }
    }
}
