package dev.strata.layers;

import dev.strata.ops.Expr;
import java.util.List;

/** The mean over every position of a {@code (None, height, width, channels)} input: output {@code (None, channels)}. */
public record GlobalAveragePooling2D(String name) implements Layer {
    @Override
    public int[] outputShape(List<int[]> inputs) {
        Layer.expectInputs(this, inputs, 1, 1);
        int[] in = inputs.get(0);
        if (in.length != 3) throw new LayerException(this, "expected input of shape (None, height, width, channels), got " + LayerException.show(in));
        return new int[] {in[2]};
    }

    @Override
    public Expr call(List<Expr> inputs, LayerWeights weights) {
        return inputs.get(0).mean(false, 1, 2);
    }
}
