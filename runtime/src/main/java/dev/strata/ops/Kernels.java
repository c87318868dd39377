package dev.strata.ops;

/** Kernels with no computation of their own. */
final class Kernels {
    private Kernels() {}

    /** Inputs, parameters and constants: the plan binds their arrays; nothing to compute. */
    static final Kernel LEAF = new Kernel() {
        @Override public String name() { return "leaf"; }
        @Override public int[] outputShape(int[][] inputs) { throw new IllegalStateException("leaves carry their own shape"); }
        @Override public void forward(Node node) {}
        @Override public void backward(Node node) {}
    };
}
