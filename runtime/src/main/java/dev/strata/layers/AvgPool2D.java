package dev.strata.layers;

import dev.strata.ops.Expr;
import dev.strata.ops.Padding;
import java.util.List;

/**
 * The average over windows of a {@code (None, height, width, channels)} input (channels-last), Keras's
 * {@code AveragePooling2D}. Defaults: pool 2×2, strides equal to the pool size, {@code valid} padding. With {@code same}
 * padding the average counts only the cells inside the input.
 *
 * @param poolSize window height and width (one value: both)
 * @param strides  step height and width; null for the pool size
 */
public record AvgPool2D(String name, int[] poolSize, int[] strides, Padding padding) implements Layer, Pool.Window2D {
    public AvgPool2D {
        String what = "AvgPool2D '" + name + "': ";
        poolSize = Conv2D.pair(what + "pool size", poolSize);
        strides = Pool.strides2d(what, strides, poolSize);
        padding = Pool.padding(what, padding);
    }

    /** A square pool with strides equal to it and {@code valid} padding. */
    public static AvgPool2D of(String name, int poolSize) {
        return new AvgPool2D(name, new int[] {poolSize, poolSize}, null, Padding.VALID);
    }

    @Override
    public String typeName() {
        return "AveragePooling2D";
    }

    @Override
    public int[] outputShape(List<int[]> inputs) {
        return Pool.outputShape(this, inputs, 2, poolSize, strides, padding);
    }

    @Override
    public Expr call(List<Expr> inputs, LayerWeights weights) {
        return inputs.get(0).avgPool2d(poolSize, strides, padding);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AvgPool2D p && Pool.sameWindow(this, p);
    }

    @Override
    public int hashCode() {
        return Pool.hashCode(this);
    }

    @Override
    public String toString() {
        return Pool.toString("AvgPool2D", this);
    }
}
