package dev.strata.layers;

import dev.strata.ops.Expr;
import dev.strata.ops.Padding;
import java.util.Arrays;
import java.util.List;

/**
 * The maximum over windows of a {@code (None, height, width, channels)} input (channels-last), Keras's
 * {@code MaxPooling2D}. Defaults: pool 2×2, strides equal to the pool size, {@code valid} padding.
 *
 * @param poolSize window height and width (one value: both)
 * @param strides  step height and width; null for the pool size
 */
public record MaxPool2D(String name, int[] poolSize, int[] strides, Padding padding) implements Layer {
    public MaxPool2D {
        String what = "MaxPool2D '" + name + "': ";
        poolSize = Conv2D.pair(what + "pool size", poolSize);
        strides = strides == null ? poolSize.clone() : Conv2D.pair(what + "strides", strides);
        if (padding == null) padding = Padding.VALID;
        Pool.checkPadding(what, padding);
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
        return o instanceof MaxPool2D p && p.name.equals(name) && Arrays.equals(p.poolSize, poolSize) && Arrays.equals(p.strides, strides)
                && p.padding == padding;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(poolSize) * 7 + Arrays.hashCode(strides) + padding.hashCode();
    }

    @Override
    public String toString() {
        return "MaxPool2D[name=" + name + ", poolSize=" + Arrays.toString(poolSize) + ", strides=" + Arrays.toString(strides)
                + ", padding=" + padding.label() + "]";
    }
}
