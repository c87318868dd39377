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
        if (target.length > 0 && target[0] == -1) {
            // -1 first keeps the first axis (the batch): the rest must hold the same count.
            long restIn = s.length == 0 ? -1 : Shapes.count(java.util.Arrays.copyOfRange(s, 1, s.length));
            long restOut = Shapes.count(java.util.Arrays.copyOfRange(target, 1, target.length));
            if (restIn != restOut) {
                throw new IllegalArgumentException("reshape: cannot reshape " + Shapes.show(s) + " to " + Shapes.show(target));
            }
            int[] out = target.clone();
            out[0] = s[0];
            return out;
        }
        if ((s.length > 0 && s[0] == -1) || Shapes.count(s) != Shapes.count(target)) {
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
