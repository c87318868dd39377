package dev.strata.spark.training;

import dev.strata.ops.Tensor;
import dev.strata.training.Batch;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One partition's rows packed once into flat row-major arrays per input and target, kept in
 * memory across epochs (cached), so epochs do not convert rows again.
 */
final class Shard implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    final int rows;
    final Map<String, float[]> inputs;
    final Map<String, int[]> inputShapes;
    final Map<String, float[]> targets;

    Shard(int rows, Map<String, float[]> inputs, Map<String, int[]> inputShapes, Map<String, float[]> targets) {
        this.rows = rows;
        this.inputs = inputs;
        this.inputShapes = inputShapes;
        this.targets = targets;
        inputs.forEach((name, flat) -> {
            long per = 1;
            for (int d : inputShapes.get(name)) per *= d;
            if (rows > 0 && flat.length != rows * per) {
                throw new IllegalArgumentException("input '" + name + "': the mapped columns give " + flat.length / rows
                        + " features per row, the model takes " + per + " (shape " + java.util.Arrays.toString(inputShapes.get(name)) + ")");
            }
        });
    }

    /** The rows {@code order[from..to)} as a batch. */
    Batch batch(int[] order, int from, int to) {
        return new Batch(pick(inputs, order, from, to, true), pick(targets, order, from, to, false));
    }

    private Map<String, Tensor> pick(Map<String, float[]> all, int[] order, int from, int to, boolean input) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        int n = to - from;
        all.forEach((name, flat) -> {
            int width = flat.length / rows;
            float[] part = new float[n * width];
            for (int i = 0; i < n; i++) System.arraycopy(flat, order[from + i] * width, part, i * width, width);
            int[] shape = input ? withRows(n, inputShapes.get(name)) : new int[] {n, width};
            out.put(name, Tensor.of(part, shape));
        });
        return out;
    }

    private static int[] withRows(int n, int[] shape) {
        int[] full = new int[shape.length + 1];
        full[0] = n;
        System.arraycopy(shape, 0, full, 1, shape.length);
        return full;
    }
}
