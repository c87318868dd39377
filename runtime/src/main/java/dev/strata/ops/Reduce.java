package dev.strata.ops;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Sum or mean over some axes (or all of them). */
final class Reduce implements Kernel {
    private final boolean mean;
    private final int[] axes;
    private final boolean keepDims;

    Reduce(boolean mean, int[] axes, boolean keepDims) {
        this.mean = mean;
        this.axes = axes == null ? null : axes.clone();
        this.keepDims = keepDims;
    }

    @Override public String name() { return mean ? "mean" : "sum"; }

    private int[] normalized(int rank) {
        if (axes == null) {
            int[] all = new int[rank];
            for (int i = 0; i < rank; i++) all[i] = i;
            return all;
        }
        int[] r = new int[axes.length];
        for (int i = 0; i < axes.length; i++) r[i] = Shapes.axis(axes[i], rank);
        Arrays.sort(r);
        return r;
    }

    @Override
    public int[] outputShape(int[][] in) {
        int[] s = in[0];
        int[] ax = normalized(s.length);
        if (axes == null && !keepDims) return new int[0];
        int[] out = new int[keepDims ? s.length : s.length - ax.length];
        int k = 0;
        for (int i = 0; i < s.length; i++) {
            boolean reduced = Arrays.binarySearch(ax, i) >= 0;
            if (!reduced) out[k++] = s[i];
            else if (keepDims) out[k++] = 1;
        }
        return out;
    }

    @Override
    public void forward(Node n) {
        INDArray x = n.in[0];
        int[] ax = normalized(x.rank());
        INDArray r = mean ? x.mean(ax) : x.sum(ax);
        n.out.assign(r.reshape('c', n.out.shape()));
    }

    @Override
    public void backward(Node n) {
        INDArray gx = n.gin[0];
        if (gx == null) return;
        INDArray x = n.in[0];
        int[] ax = normalized(x.rank());
        long[] kept = x.shape().clone();
        long count = 1;
        for (int a : ax) {
            count *= kept[a];
            kept[a] = 1;
        }
        INDArray g = n.grad.reshape('c', kept).broadcast(x.shape());
        gx.assign(g);
        if (mean) gx.divi(count);
    }
}
