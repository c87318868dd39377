package dev.strata.layers;

import dev.strata.ops.Expr;
import java.util.Arrays;
import java.util.List;

/**
 * Reorders the axes of each sample, Keras's {@code Permute}: {@code dims} is a permutation of
 * 1..rank (1-based, batch excluded); {@code Permute([2, 1])} swaps time and features.
 */
public record Permute(String name, int[] dims) implements Layer {
    public Permute {
        dims = dims.clone();
        boolean[] seen = new boolean[dims.length + 1];
        for (int d : dims) {
            if (d < 1 || d > dims.length || seen[d]) {
                throw new IllegalArgumentException("Permute '" + name + "': dims must be a permutation of 1.." + dims.length + ", got " + Arrays.toString(dims));
            }
            seen[d] = true;
        }
    }

    @Override
    public int[] outputShape(List<int[]> inputs) {
        Layer.expectInputs(this, inputs, 1, 1);
        int[] in = inputs.get(0);
        if (in.length != dims.length) {
            throw new LayerException(this, "dims " + Arrays.toString(dims) + " need an input of rank " + dims.length + ", got " + LayerException.show(in));
        }
        int[] out = new int[in.length];
        for (int i = 0; i < in.length; i++) out[i] = in[dims[i] - 1];
        return out;
    }

    @Override
    public Expr call(List<Expr> inputs, LayerWeights weights) {
        int[] axes = new int[dims.length + 1];
        for (int i = 0; i < dims.length; i++) axes[i + 1] = dims[i];
        return inputs.get(0).permute(axes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Permute p && p.name.equals(name) && Arrays.equals(p.dims, dims);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(dims);
    }
}
