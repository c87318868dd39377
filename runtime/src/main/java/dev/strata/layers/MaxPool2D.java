package dev.strata.layers;

import dev.strata.ops.Expr;
import dev.strata.ops.Padding;
import java.util.List;

/**
 * The maximum over windows of a {@code (None, height, width, channels)} input (channels-last), Keras's
 * {@code MaxPooling2D}. Defaults: pool 2×2, strides equal to the pool size, {@code valid} padding.
 *
 * @param poolSize window height and width (one value: both)
 * @param strides  step height and width; null for the pool size
 */
public record MaxPool2D(String name, int[] poolSize, int[] strides, Padding padding) implements Layer, Pool.Window2D {
    public MaxPool2D {
        String what = "MaxPool2D '" + name + "': ";
        poolSize = Conv2D.pair(what + "pool size", poolSize);
        strides = Pool.strides2d(what, strides, poolSize);
        padding = Pool.padding(what, padding);
    }

    /** A square pool with strides equal to it and {@code valid} padding. */
    public static MaxPool2D of(String name, int poolSize) {
        return new MaxPool2D(name, new int[] {poolSize, poolSize}, null, Padding.VALID);
    }

    @Override
    public String typeName() {
        return "MaxPooling2D";
    }

    @Override
    public int[] outputShape(List<int[]> inputs) {
        return Pool.outputShape(this, inputs, 2, poolSize, strides, padding);
    }

    @Override
    public Expr call(List<Expr> inputs, LayerWeights weights) {
        return inputs.get(0).maxPool2d(poolSize, strides, padding);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MaxPool2D p && Pool.sameWindow(this, p);
    }

    @Override
    public int hashCode() {
        return Pool.hashCode(this);
    }

    @Override
    public String toString() {
        return Pool.toString("MaxPool2D", this);
    }
}
