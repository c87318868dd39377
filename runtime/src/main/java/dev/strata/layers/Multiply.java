package dev.strata.layers;

import dev.strata.ops.Expr;
import java.util.List;

/** Element-wise product of inputs of one shape. */
public record Multiply(String name) implements Layer {
    @Override
    public int[] outputShape(List<int[]> inputs) {
        return Merge.sameShape(this, inputs);
    }

    @Override
    public Expr call(List<Expr> inputs, LayerWeights weights) {
        Expr p = inputs.get(0);
        for (int i = 1; i < inputs.size(); i++) p = p.times(inputs.get(i));
        return p;
    }
}
