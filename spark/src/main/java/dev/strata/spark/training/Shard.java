package dev.strata.spark.training;

import dev.strata.ops.Tensor;
import dev.strata.training.Batch;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One partition's training rows packed once into flat arrays (inputs and targets by name, row
 * major), cached by Spark between epochs: a replica's shard of the data.
 */
final class Shard implements Serializable {
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
    }

    /** The batch of the given rows (indices into this shard), in that order. */
    Batch batch(int[] order, int from, int to) {
        int n = to - from;
        Map<String, Tensor> x = new LinkedHashMap<>();
        inputs.forEach((name, flat) -> x.put(name, take(flat, order, from, n, inputShapes.get(name))));
        Map<String, Tensor> y = new LinkedHashMap<>();
        targets.forEach((name, flat) -> y.put(name, take(flat, order, from, n, new int[] {rows == 0 ? 0 : flat.length / rows})));
        return new Batch(x, y);
    }

    private Tensor take(float[] flat, int[] order, int from, int n, int[] shape) {
        int width = rows == 0 ? 0 : flat.length / rows;
        float[] out = new float[n * width];
        for (int r = 0; r < n; r++) System.arraycopy(flat, order[from + r] * width, out, r * width, width);
        int[] full = new int[shape.length + 1];
        full[0] = n;
        System.arraycopy(shape, 0, full, 1, shape.length);
        return Tensor.of(out, full);
    }
}
