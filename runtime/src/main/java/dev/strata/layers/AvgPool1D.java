package dev.strata.layers;

import dev.strata.ops.Expr;
import dev.strata.ops.Padding;
import java.util.List;

/**
 * The average over windows of a {@code (None, steps, channels)} input (channels-last), Keras's
 * {@code AveragePooling1D}. Defaults: pool 2, stride equal to the pool size, {@code valid} padding. With {@code same}
 * padding the average counts only the cells inside the input.
 *
 * @param strides step; 0 or less for the pool size
 */
public record AvgPool1D(String name, int poolSize, int strides, Padding padding) implements Layer {
    public AvgPool1D {
        String what = "AvgPool1D '" + name + "': ";
        if (poolSize <= 0) throw new IllegalArgumentException(what + "pool size must be positive, got " + poolSize);
        if (strides <= 0) strides = poolSize;
        padding = Pool.padding(what, padding);
    }

    /** A pool with stride equal to it and {@code valid} padding. */
    public static AvgPool1D of(String name, int poolSize) {
        return new AvgPool1D(name, poolSize, poolSize, Padding.VALID);
    }

    @Override
    public String typeName() {
        return "AveragePooling1D";
    }

    @Override
    public int[] outputShape(List<int[]> inputs) {
        return Pool.outputShape(this, inputs, 1, new int[] {poolSize}, new int[] {strides}, padding);
    }

    @Override
    public Expr call(List<Expr> inputs, LayerWeights weights) {
        return inputs.get(0).avgPool1d(poolSize, strides, padding);
    }
}
