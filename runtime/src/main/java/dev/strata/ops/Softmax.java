package dev.strata.ops;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Softmax or log-softmax over the last axis. */
final class Softmax implements Kernel {
    private final boolean log;

    Softmax(boolean log) {
        this.log = log;
    }

    @Override public String name() { return log ? "log_softmax" : "softmax"; }

    @Override
    public int[] outputShape(int[][] in) {
        if (in[0].length < 1) throw new IllegalArgumentException(name() + " needs at least one axis, got a scalar");
        return in[0].clone();
    }

    @Override
    public void forward(Node n) {
        int last = n.in[0].rank() - 1;
        if (Flat.small(n.out.length(), n.in[0], n.out)) {
            Flat x = new Flat(n.in[0]), z = new Flat(n.out);
            int k = (int) n.out.size(last), rows = z.length / k;
            for (int r = 0; r < rows; r++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < k; c++) max = Math.max(max, x.get(r * k + c));
                // One exponential per value (they dominate the cost): kept in z, then normalised.
                double sum = 0;
                for (int c = 0; c < k; c++) {
                    double e = Math.exp(x.get(r * k + c) - max);
                    if (!log) z.set(r * k + c, e);
                    sum += e;
                }
                if (log) {
                    double logSum = Math.log(sum);
                    for (int c = 0; c < k; c++) z.set(r * k + c, x.get(r * k + c) - max - logSum);
                } else {
                    double inv = 1 / sum;
                    for (int c = 0; c < k; c++) z.set(r * k + c, z.get(r * k + c) * inv);
                }
            }
            return;
        }
        if (log) Nd.exec("log_softmax", new INDArray[] {n.in[0]}, new INDArray[] {n.out}, null, new int[] {last});
        else Nd4j.exec(new SoftMax(n.in[0], n.out, last));
    }

    @Override
    public void backward(Node n) {
        INDArray g = n.grad, z = n.out, gx = n.gin[0];
        if (gx == null) return;
        int last = z.rank() - 1;
        if (Flat.small(z.length(), g, z, gx)) {
            Flat fg = new Flat(g), fz = new Flat(z), fgx = new Flat(gx);
            int k = (int) z.size(last), rows = fz.length / k;
            for (int r = 0; r < rows; r++) {
                double s = 0;
                for (int c = 0; c < k; c++) s += log ? fg.get(r * k + c) : fg.get(r * k + c) * fz.get(r * k + c);
                for (int c = 0; c < k; c++) {
                    int i = r * k + c;
                    fgx.set(i, log ? fg.get(i) - Math.exp(fz.get(i)) * s : fz.get(i) * (fg.get(i) - s));
                }
            }
            return;
        }
        if (log) {
            // d/dx log softmax(x) · g = g − softmax(x) · Σ g
            INDArray total = g.sum(true, last).broadcast(z.shape());
            gx.assign(g.sub(Transforms.exp(z, true).muli(total)));
        } else {
            // d/dx softmax(x) · g = z ⊙ (g − Σ(g ⊙ z))
            INDArray dot = g.mul(z).sum(true, last).broadcast(z.shape());
            gx.assign(g.sub(dot).muli(z));
        }
    }
}
