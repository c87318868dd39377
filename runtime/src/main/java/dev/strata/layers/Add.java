package dev.strata.layers;

import dev.strata.ops.Expr;
import java.util.List;

/** Element-wise sum of inputs of one shape. */
public record Add(String name) implements Layer {
    @Override
    public int[] outputShape(List<int[]> inputs) {
        return Merge.sameShape(this, inputs);
    }

    @Override
    public Expr call(List<Expr> inputs, LayerWeights weights) {
        return Expr.sumOf(inputs);
    }
}
