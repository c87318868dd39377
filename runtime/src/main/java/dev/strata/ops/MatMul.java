package dev.strata.ops;


/** Matrix product of rank-2 arrays, written by GEMM straight into preallocated buffers. */
final class MatMul implements Kernel {
    @Override public String name() { return "matmul"; }

    @Override
    public int[] outputShape(int[][] in) {
        int[] a = in[0], b = in[1];
        if (a.length != 2 || b.length != 2 || a[1] != b[0] || a[1] == -1) {
            throw new IllegalArgumentException("matmul: shapes " + Shapes.show(a) + " and " + Shapes.show(b) + " do not multiply");
        }
        return new int[] {a[0], b[1]};
    }

    @Override
    public void forward(Node n) {
        Gemm.multiply(n.in[0], n.in[1], n.out, false, false, 1.0, 0.0);
    }

    @Override
    public void backward(Node n) {
        if (n.gin[0] != null) Gemm.multiply(n.grad, n.in[1], n.gin[0], false, true, 1.0, 0.0);
        if (n.gin[1] != null) Gemm.multiply(n.in[0], n.grad, n.gin[1], true, false, 1.0, 0.0);
    }
}
