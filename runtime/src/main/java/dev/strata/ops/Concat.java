package dev.strata.ops;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Concatenation along one axis. */
final class Concat implements Kernel {
    private final int axis;

    Concat(int axis) {
        this.axis = axis;
    }

    @Override public String name() { return "concatenate"; }

    @Override
    public int[] outputShape(int[][] in) {
        int rank = in[0].length;
        int a = Shapes.axis(axis, rank);
        int[] out = in[0].clone();
        for (int i = 1; i < in.length; i++) {
            int[] s = in[i];
            boolean ok = s.length == rank;
            for (int d = 0; ok && d < rank; d++) ok = d == a || s[d] == out[d];
            if (!ok) {
                throw new IllegalArgumentException("concatenate on axis " + axis + ": shapes " + Shapes.show(in[0])
                        + " and " + Shapes.show(s) + " differ off that axis");
            }
            out[a] += s[a];
        }
        return out;
    }

    private INDArrayIndex[] slab(int rank, int a, long from, long to) {
        INDArrayIndex[] idx = new INDArrayIndex[rank];
        for (int d = 0; d < rank; d++) idx[d] = d == a ? NDArrayIndex.interval(from, to) : NDArrayIndex.all();
        return idx;
    }

    @Override
    public void forward(Node n) {
        int rank = n.out.rank(), a = Shapes.axis(axis, rank);
        long offset = 0;
        for (INDArray part : n.in) {
            long w = part.size(a);
            n.out.get(slab(rank, a, offset, offset + w)).assign(part);
            offset += w;
        }
    }

    @Override
    public void backward(Node n) {
        int rank = n.out.rank(), a = Shapes.axis(axis, rank);
        long offset = 0;
        for (int i = 0; i < n.in.length; i++) {
            long w = n.in[i].size(a);
            if (n.gin[i] != null) n.gin[i].assign(n.grad.get(slab(rank, a, offset, offset + w)));
            offset += w;
        }
    }
}
