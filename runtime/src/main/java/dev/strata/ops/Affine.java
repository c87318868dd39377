package dev.strata.ops;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * x·W + b in one kernel, the dense layer's hot path, into preallocated buffers: forward, the bias rows
 * written first and the GEMM accumulated onto them; backward, two GEMMs and a GEMV column sum for the
 * bias. Tiny layers run as Java loops instead.
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
        int rows = (int) n.in[0].size(0), k = (int) n.in[0].size(1), units = (int) n.in[1].size(1);
        // A native call costs tens of microseconds whatever its size: tiny layers run as Java loops.
        if (Flat.small((long) rows * k * units, n.in[0], n.in[1], n.in[2], n.out)) {
            Flat x = new Flat(n.in[0]), w = new Flat(n.in[1]), b = new Flat(n.in[2]), z = new Flat(n.out);
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < units; c++) {
                    double s = b.get(c);
                    for (int i = 0; i < k; i++) s += x.get(r * k + i) * w.get(i * units + c);
                    z.set(r * units + c, s);
                }
            }
            return;
        }
        // Measured: libnd4j's xw_plus_b ran several times slower than a plain GEMM plus a broadcast add,
        // and the broadcast add slower than writing the bias rows from Java and accumulating onto them.
        if (HostCopy.floats(n.out, n.in[2])) {
            float[] bias = HostCopy.read(n.in[2], 1);
            float[] z = HostCopy.floatScratch(0, rows * units);
            for (int r = 0; r < rows; r++) System.arraycopy(bias, 0, z, r * units, units);
            HostCopy.write(z, n.out);
            Gemm.multiply(n.in[0], n.in[1], n.out, false, false, 1.0, 1.0);
            return;
        }
        Gemm.multiply(n.in[0], n.in[1], n.out, false, false, 1.0, 0.0);
        Nd.exec("add", new INDArray[] {n.out, n.in[2]}, new INDArray[] {n.out}, null, null);
    }

    @Override
    public void backward(Node n) {
        int rows = (int) n.in[0].size(0), k = (int) n.in[0].size(1), units = (int) n.in[1].size(1);
        if (Flat.small((long) rows * k * units, n.in[0], n.in[1], n.grad, n.gin[0], n.gin[1], n.gin[2])) {
            smallBackward(n, rows, k, units);
            return;
        }
        if (n.gin[0] != null) Gemm.multiply(n.grad, n.in[1], n.gin[0], false, true, 1.0, 0.0);
        if (n.gin[1] != null) Gemm.multiply(n.in[0], n.grad, n.gin[1], true, false, 1.0, 0.0);
        if (n.gin[2] != null) Gemm.columnSums(n.grad, n.gin[2]);
    }

    private static void smallBackward(Node n, int rows, int k, int units) {
        Flat x = new Flat(n.in[0]), w = new Flat(n.in[1]), g = new Flat(n.grad);
        if (n.gin[0] != null) {
            Flat gx = new Flat(n.gin[0]);
            for (int r = 0; r < rows; r++) {
                for (int i = 0; i < k; i++) {
                    double s = 0;
                    for (int c = 0; c < units; c++) s += g.get(r * units + c) * w.get(i * units + c);
                    gx.set(r * k + i, s);
                }
            }
        }
        if (n.gin[1] != null) {
            Flat gw = new Flat(n.gin[1]);
            for (int i = 0; i < k; i++) {
                for (int c = 0; c < units; c++) {
                    double s = 0;
                    for (int r = 0; r < rows; r++) s += x.get(r * k + i) * g.get(r * units + c);
                    gw.set(i * units + c, s);
                }
            }
        }
        if (n.gin[2] != null) {
            Flat gb = new Flat(n.gin[2]);
            for (int c = 0; c < units; c++) {
                double s = 0;
                for (int r = 0; r < rows; r++) s += g.get(r * units + c);
                gb.set(c, s);
            }
        }
    }
}
