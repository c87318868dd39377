package dev.strata.spark.scoring;

import dev.strata.model.Model;
import dev.strata.ops.DType;
import dev.strata.ops.Tensor;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/** One Spark column per model output: a number for one-value outputs, an array for wider ones. */
final class OutputColumns implements Serializable {
    private static final long serialVersionUID = 1L;

    private final List<String> outputs;
    private final List<StructField> fields;
    private final boolean[] scalar;
    private final boolean float64;

    private OutputColumns(List<String> outputs, List<StructField> fields, boolean[] scalar, boolean float64) {
        this.outputs = outputs;
        this.fields = fields;
        this.scalar = scalar;
        this.float64 = float64;
    }

    static OutputColumns of(Model m, String prefix) {
        boolean f64 = m.dtype() == DType.FLOAT64;
        DataType element = f64 ? DataTypes.DoubleType : DataTypes.FloatType;
        List<String> names = m.outputNames();
        List<StructField> fields = new ArrayList<>();
        boolean[] scalar = new boolean[names.size()];
        for (int i = 0; i < names.size(); i++) {
            int[] shape = m.graph().nodes().get(m.graph().outputs().get(names.get(i))).shape();
            long width = 1;
            for (int d : shape) width *= d;
            scalar[i] = width == 1;
            fields.add(DataTypes.createStructField(prefix + names.get(i), scalar[i] ? element : DataTypes.createArrayType(element, false), false));
        }
        return new OutputColumns(names, fields, scalar, f64);
    }

    List<StructField> fields() {
        return fields;
    }

    /** Output name → predicted values (rows × width, flat) for one batch, as Spark cell values per row. */
    Object[][] cells(java.util.Map<String, Tensor> predicted, int rows) {
        Object[][] out = new Object[rows][outputs.size()];
        for (int o = 0; o < outputs.size(); o++) {
            Tensor t = predicted.get(outputs.get(o));
            if (float64) {
                double[] v = t.toDoubleArray();
                int w = v.length / rows;
                for (int r = 0; r < rows; r++) out[r][o] = scalar[o] ? (Object) v[r] : boxed(v, r * w, w);
            } else {
                float[] v = t.toFloatArray();
                int w = v.length / rows;
                for (int r = 0; r < rows; r++) out[r][o] = scalar[o] ? (Object) v[r] : boxed(v, r * w, w);
            }
        }
        return out;
    }

    private static Object boxed(float[] v, int from, int n) {
        Float[] b = new Float[n];
        for (int i = 0; i < n; i++) b[i] = v[from + i];
        return b;
    }

    private static Object boxed(double[] v, int from, int n) {
        Double[] b = new Double[n];
        for (int i = 0; i < n; i++) b[i] = v[from + i];
        return b;
    }
}
