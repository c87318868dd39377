package dev.strata.layers;

import dev.strata.ops.Expr;
import java.util.List;

/** Flattens every axis but the batch axis. */
public record Flatten(String name) implements Layer {
    @Override
    public int[] outputShape(List<int[]> inputs) {
        Layer.expectInputs(this, inputs, 1, 1);
        int n = 1;
        for (int d : inputs.get(0)) n *= d;
        return new int[] {n};
    }

    @Override
    public Expr call(List<Expr> inputs, LayerWeights weights) {
        int[] out = outputShape(List.of(batchless(inputs.get(0))));
        return inputs.get(0).reshape(-1, out[0]);
    }

    static int[] batchless(Expr e) {
        int[] s = e.shape();
        return java.util.Arrays.copyOfRange(s, 1, s.length);
    }
}
