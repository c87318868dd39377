package dev.strata.ops;

import java.util.Arrays;

/** Reorders the axes (numpy's {@code transpose}); {@code axes} covers every axis, batch included. */
final class Permute implements Kernel {
    private final int[] axes;
    private final int[] inverse;

    Permute(int[] axes) {
        this.axes = axes.clone();
        this.inverse = new int[axes.length];
        boolean[] seen = new boolean[axes.length];
        for (int i = 0; i < axes.length; i++) {
            int a = axes[i];
            if (a < 0 || a >= axes.length || seen[a]) throw new IllegalArgumentException("permute: " + Arrays.toString(axes) + " is not a permutation");
            seen[a] = true;
            inverse[a] = i;
        }
    }

    @Override public String name() { return "permute"; }

    @Override
    public int[] outputShape(int[][] in) {
        int[] s = in[0];
        if (s.length != axes.length) {
            throw new IllegalArgumentException("permute: axes " + Arrays.toString(axes) + " do not fit input " + Shapes.show(s));
        }
        int[] out = new int[s.length];
        for (int i = 0; i < s.length; i++) out[i] = s[axes[i]];
        return out;
    }

    @Override
    public void forward(Node n) {
        n.out.assign(n.in[0].permute(axes));
    }

    @Override
    public void backward(Node n) {
        if (n.gin[0] != null) n.gin[0].assign(n.grad.permute(inverse));
    }
}
