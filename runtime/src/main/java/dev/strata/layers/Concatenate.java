package dev.strata.layers;

import dev.strata.ops.Expr;
import java.util.List;

/** Concatenates its inputs along {@code axis} (−1: the last axis; 0 is the first axis after the batch). */
public record Concatenate(String name, int axis) implements Layer {
    @Override
    public int[] outputShape(List<int[]> inputs) {
        Layer.expectInputs(this, inputs, 2, Integer.MAX_VALUE);
        int rank = inputs.get(0).length;
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) throw new LayerException(this, "axis " + axis + " is out of range for inputs " + LayerException.show(inputs));
        int[] out = inputs.get(0).clone();
        for (int i = 1; i < inputs.size(); i++) {
            int[] s = inputs.get(i);
            boolean ok = s.length == rank;
            for (int d = 0; ok && d < rank; d++) ok = d == a || s[d] == out[d];
            if (!ok) throw new LayerException(this, "inputs must match except on the concatenation axis, got " + LayerException.show(inputs));
            out[a] += s[a];
        }
        return out;
    }

    @Override
    public Expr call(List<Expr> inputs, LayerWeights weights) {
        int rank = inputs.get(0).rank();
        // The layer's axis excludes the batch axis; the expression's includes it.
        int a = axis < 0 ? axis + rank : axis + 1;
        return Expr.concat(a, inputs);
    }
}
