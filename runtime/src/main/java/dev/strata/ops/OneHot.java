package dev.strata.ops;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Integer class labels to one-hot rows; labels are data, so there is no gradient. */
final class OneHot implements Kernel {
    private final int classes;

    OneHot(int classes) {
        this.classes = classes;
    }

    @Override public String name() { return "one_hot"; }

    @Override
    public int[] outputShape(int[][] in) {
        int[] s = in[0];
        if (!(s.length == 1 || (s.length == 2 && s[1] == 1))) {
            throw new IllegalArgumentException("one_hot: expected labels of shape (None,) or (None, 1), got " + Shapes.show(s));
        }
        return new int[] {s[0], classes};
    }

    @Override
    public void forward(Node n) {
        INDArray labels = n.in[0];
        n.out.assign(0);
        long rows = labels.size(0);
        for (long r = 0; r < rows; r++) {
            double v = labels.getDouble(r);
            int c = (int) v;
            if (c != v || c < 0 || c >= classes) {
                throw new IllegalArgumentException("sparse label at row " + r + " is " + v + ", expected an integer in 0.." + (classes - 1));
            }
            n.out.putScalar(new long[] {r, c}, 1.0);
        }
    }

    @Override
    public void backward(Node n) {
        if (n.gin[0] != null) n.gin[0].assign(0);
    }
}
