package dev.strata.ops;

/** The same values in another shape; -1 on axis 0 stands for the batch. */
final class Reshape implements Kernel {
    private final int[] target;

    Reshape(int[] target) {
        this.target = target.clone();
    }

    @Override public String name() { return "reshape"; }

    @Override
    public int[] outputShape(int[][] in) {
        int[] s = in[0];
        boolean batchIn = s.length > 0 && s[0] == -1, batchOut = target.length > 0 && target[0] == -1;
        long nIn = Shapes.count(s), nOut = Shapes.count(target);
        if (batchIn != batchOut || nIn != nOut) {
            throw new IllegalArgumentException("reshape: cannot reshape " + Shapes.show(s) + " to " + Shapes.show(target));
        }
        return target.clone();
    }

    @Override
    public void forward(Node n) {
        n.out.assign(n.in[0].reshape('c', n.out.shape()));
    }

    @Override
    public void backward(Node n) {
        if (n.gin[0] != null) n.gin[0].assign(n.grad.reshape('c', n.gin[0].shape()));
    }
}
