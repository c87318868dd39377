package dev.strata.layers;

import dev.strata.ops.Expr;
import dev.strata.ops.Padding;
import java.util.List;

/**
 * The maximum over windows of a {@code (None, steps, channels)} input (channels-last), Keras's
 * {@code MaxPooling1D}. Defaults: pool 2, stride equal to the pool size, {@code valid} padding.
 *
 * @param strides step; 0 or less for the pool size
 */
public record MaxPool1D(String name, int poolSize, int strides, Padding padding) implements Layer {
    public MaxPool1D {
        String what = "MaxPool1D '" + name + "': ";
        if (poolSize <= 0) throw new IllegalArgumentException(what + "pool size must be positive, got " + poolSize);
        if (strides <= 0) strides = poolSize;
        padding = Pool.padding(what, padding);
    }

    /** A pool with stride equal to it and {@code valid} padding. */
    public static MaxPool1D of(String name, int poolSize) {
        return new MaxPool1D(name, poolSize, poolSize, Padding.VALID);
    }

    @Override
    public String typeName() {
        return "MaxPooling1D";
    }

    @Override
    public int[] outputShape(List<int[]> inputs) {
        return Pool.outputShape(this, inputs, 1, new int[] {poolSize}, new int[] {strides}, padding);
    }

    @Override
    public Expr call(List<Expr> inputs, LayerWeights weights) {
        return inputs.get(0).maxPool1d(poolSize, strides, padding);
    }
}
