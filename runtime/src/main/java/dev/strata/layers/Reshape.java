package dev.strata.layers;

import dev.strata.ops.Expr;
import java.util.Arrays;
import java.util.List;

/** Reshapes each sample to {@code targetShape} (batch axis excluded). */
public record Reshape(String name, int[] targetShape) implements Layer {
    public Reshape {
        targetShape = targetShape.clone();
    }

    @Override
    public int[] outputShape(List<int[]> inputs) {
        Layer.expectInputs(this, inputs, 1, 1);
        long in = 1, out = 1;
        for (int d : inputs.get(0)) in *= d;
        for (int d : targetShape) out *= d;
        if (in != out) {
            throw new LayerException(this, "cannot reshape " + LayerException.show(inputs.get(0)) + " (" + in + " values) to "
                    + LayerException.show(targetShape) + " (" + out + " values)");
        }
        return targetShape.clone();
    }

    @Override
    public Expr call(List<Expr> inputs, LayerWeights weights) {
        int[] full = new int[targetShape.length + 1];
        full[0] = -1;
        System.arraycopy(targetShape, 0, full, 1, targetShape.length);
        return inputs.get(0).reshape(full);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Reshape r && r.name.equals(name) && Arrays.equals(r.targetShape, targetShape);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(targetShape);
    }
}
