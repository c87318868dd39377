package dev.strata.ops;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Inverted dropout: active only in training, identity at inference. */
final class Dropout implements Kernel {
    private final double rate;

    Dropout(double rate) {
        if (!(rate >= 0 && rate < 1)) throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + rate);
        this.rate = rate;
    }

    @Override public String name() { return "dropout"; }

    @Override public int[] outputShape(int[][] in) { return in[0].clone(); }

    @Override
    public void forward(Node n) {
        if (!n.training || rate == 0) {
            n.out.assign(n.in[0]);
            return;
        }
        INDArray mask = mask(n);
        n.random.bernoulli(mask, 1 - rate);
        mask.muli(1 / (1 - rate));
        n.out.assign(n.in[0]).muli(mask);
    }

    @Override
    public void backward(Node n) {
        if (n.gin[0] == null) return;
        if (!n.training || rate == 0) n.gin[0].assign(n.grad);
        else n.gin[0].assign(n.grad).muli(mask(n));
    }

    private static INDArray mask(Node n) {
        if (!(n.state instanceof INDArray m) || !java.util.Arrays.equals(m.shape(), n.out.shape())) {
            n.state = n.out.ulike();
        }
        return (INDArray) n.state;
    }
}
