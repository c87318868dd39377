package dev.strata.ops;

import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The values at positions [from, to) of one axis (not the batch axis); the gradient is zero elsewhere. */
final class Slice implements Kernel {
    private final int axis;
    private final int from;
    private final int to;

    Slice(int axis, int from, int to) {
        this.axis = axis;
        this.from = from;
        this.to = to;
    }

    @Override public String name() { return "slice"; }

    @Override
    public int[] outputShape(int[][] in) {
        int[] s = in[0];
        int a = Shapes.axis(axis, s.length);
        if (s[a] < 0) throw new IllegalArgumentException("slice: cannot slice the batch axis of " + Shapes.show(s));
        if (from < 0 || to > s[a] || from >= to) {
            throw new IllegalArgumentException("slice: [" + from + ", " + to + ") is out of range for axis " + axis + " of " + Shapes.show(s));
        }
        int[] out = s.clone();
        out[a] = to - from;
        return out;
    }

    private INDArrayIndex[] window(int rank) {
        int a = Shapes.axis(axis, rank);
        INDArrayIndex[] idx = new INDArrayIndex[rank];
        for (int d = 0; d < rank; d++) idx[d] = d == a ? NDArrayIndex.interval(from, to) : NDArrayIndex.all();
        return idx;
    }

    @Override
    public void forward(Node n) {
        n.out.assign(n.in[0].get(window(n.out.rank())));
    }

    @Override
    public void backward(Node n) {
        if (n.gin[0] == null) return;
        n.gin[0].assign(0);
        n.gin[0].get(window(n.out.rank())).assign(n.grad);
    }
}
