package dev.strata.ops;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * x·W + b in one kernel (libnd4j's {@code xw_plus_b}): the dense layer's hot path, one native call
 * forward and two GEMMs plus a column sum backward, all into preallocated buffers.
 */
final class Affine implements Kernel {
    @Override public String name() { return "affine"; }

    @Override
    public int[] outputShape(int[][] in) {
        int[] x = in[0], w = in[1], b = in[2];
        if (x.length != 2 || w.length != 2 || x[1] != w[0] || x[1] == -1 || b.length != 1 || b[0] != w[1]) {
            throw new IllegalArgumentException("affine: shapes " + Shapes.show(x) + " · " + Shapes.show(w) + " + " + Shapes.show(b)
                    + " do not fit");
        }
        return new int[] {x[0], w[1]};
    }

    @Override
    public void forward(Node n) {
        Nd.exec("xw_plus_b", new INDArray[] {n.in[0], n.in[1], n.in[2]}, new INDArray[] {n.out}, null, null);
    }

    @Override
    public void backward(Node n) {
        if (n.gin[0] != null) Nd4j.gemm(n.grad, n.in[1], n.gin[0], false, true, 1.0, 0.0);
        if (n.gin[1] != null) Nd4j.gemm(n.in[0], n.grad, n.gin[1], true, false, 1.0, 0.0);
        if (n.gin[2] != null) n.grad.sum(n.gin[2], 0);
    }
}
