package dev.strata.layers;

import dev.strata.ops.Expr;
import java.util.List;

/** Randomly zeroes a fraction {@code rate} of its inputs during training only; identity at inference. */
public record Dropout(String name, double rate) implements Layer {
    public Dropout {
        if (!(rate >= 0 && rate < 1)) throw new IllegalArgumentException("Dropout '" + name + "': rate must be in [0, 1), got " + rate);
    }

    @Override
    public int[] outputShape(List<int[]> inputs) {
        Layer.expectInputs(this, inputs, 1, 1);
        return inputs.get(0).clone();
    }

    @Override
    public Expr call(List<Expr> inputs, LayerWeights weights) {
        return inputs.get(0).dropout(rate);
    }
}
