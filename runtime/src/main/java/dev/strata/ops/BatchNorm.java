package dev.strata.ops;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Batch normalization over the last axis (the channels of a channels-last tensor, the features of
 * a matrix): {@code y = gamma · (x − mean) / sqrt(variance + epsilon) + beta}.
 *
 * <p>Inputs, in order: {@code x}, the moving mean and moving variance (shape {@code [channels]}),
 * then {@code gamma} and {@code beta} when present. In training, mean and variance are the batch's
 * (the biased variance, as Keras) and the moving statistics are updated in place:
 * {@code moving ← momentum · moving + (1 − momentum) · batch}. At inference, or when the layer is
 * frozen (its gamma and beta not trainable), the moving statistics are used and left alone.
 *
 * <p>Forward runs libnd4j's {@code batchnorm}; the training backward runs {@code batchnorm_bp},
 * which differentiates through the batch statistics. The inference backward (statistics held
 * constant) is written here: {@code dx = g · gamma / sqrt(var + eps)}.
 */
final class BatchNorm implements Kernel {
    private final boolean scale;
    private final boolean center;
    private final double momentum;
    private final double epsilon;
    private final boolean frozen;

    BatchNorm(boolean scale, boolean center, double momentum, double epsilon, boolean frozen) {
        if (!(momentum >= 0 && momentum <= 1)) throw new IllegalArgumentException("batch_norm: momentum must be in [0, 1], got " + momentum);
        if (!(epsilon > 0)) throw new IllegalArgumentException("batch_norm: epsilon must be positive, got " + epsilon);
        this.scale = scale;
        this.center = center;
        this.momentum = momentum;
        this.epsilon = epsilon;
        this.frozen = frozen;
    }

    @Override public String name() { return "batch_norm"; }

    @Override
    public int[] outputShape(int[][] in) {
        int[] x = in[0];
        if (x.length < 2) throw new IllegalArgumentException("batch_norm: expected input of rank 2 or more (batch, ..., channels), got " + Shapes.show(x));
        int c = x[x.length - 1];
        String[] names = {"moving mean", "moving variance", scale ? "gamma" : "beta", "beta"};
        for (int i = 1; i < in.length; i++) {
            if (in[i].length != 1 || in[i][0] != c) {
                throw new IllegalArgumentException("batch_norm: " + names[i - 1] + " " + Shapes.show(in[i]) + " does not match "
                        + c + " channels of input " + Shapes.show(x));
            }
        }
        return x.clone();
    }

    private int gammaIndex() { return scale ? 3 : -1; }
    private int betaIndex() { return center ? (scale ? 4 : 3) : -1; }

    /** Batch statistics are used in training unless the layer, or all of its affine weights, are frozen. */
    private boolean batchStatistics(Node n) {
        if (!n.training || frozen) return false;
        if (!scale && !center) return true;
        for (int i = 3; i < n.expr.inputs.length; i++) {
            Parameter p = n.expr.inputs[i].parameter;
            if (p == null || p.trainable()) return true;
        }
        return false;
    }

    /** Per-batch scratch: the batch statistics of the last forward and buffers for unwanted gradients. */
    private static final class State {
        INDArray mean, variance, gx, gMean, gVariance, gGamma, gBeta;
        boolean batch;
    }

    private static State state(Node n) {
        if (!(n.state instanceof State)) n.state = new State();
        return (State) n.state;
    }

    private static INDArray rows(INDArray a) {
        long c = a.size(a.rank() - 1);
        return a.reshape('c', a.length() / c, c);
    }

    private INDArray[] inputs(Node n, INDArray mean, INDArray variance) {
        INDArray[] in = new INDArray[3 + (scale ? 1 : 0) + (center ? 1 : 0)];
        in[0] = n.in[0];
        in[1] = mean;
        in[2] = variance;
        if (scale) in[gammaIndex()] = n.in[gammaIndex()];
        if (center) in[betaIndex()] = n.in[betaIndex()];
        return in;
    }

    private int[] iArgs(Node n) {
        return new int[] {scale ? 1 : 0, center ? 1 : 0, n.in[0].rank() - 1};
    }

    @Override
    public void forward(Node n) {
        State s = state(n);
        s.batch = batchStatistics(n);
        INDArray mean = n.in[1], variance = n.in[2];
        if (s.batch) {
            INDArray x = rows(n.in[0]);
            s.mean = x.mean(0);
            s.variance = x.var(false, 0);
            mean = s.mean;
            variance = s.variance;
            n.in[1].muli(momentum).addi(s.mean.mul(1 - momentum));
            n.in[2].muli(momentum).addi(s.variance.mul(1 - momentum));
        }
        Nd.exec("batchnorm", inputs(n, mean, variance), new INDArray[] {n.out}, new double[] {epsilon}, iArgs(n));
    }

    @Override
    public void backward(Node n) {
        State s = state(n);
        if (s.batch) {
            // The batch statistics depend on x; batchnorm_bp includes that path. The moving
            // statistics do not reach the output: their gradient is zero.
            INDArray gx = n.gin[0] != null ? n.gin[0] : (s.gx = like(s.gx, n.in[0]));
            s.gMean = like(s.gMean, n.in[1]);
            s.gVariance = like(s.gVariance, n.in[2]);
            INDArray[] out = new INDArray[3 + (scale ? 1 : 0) + (center ? 1 : 0)];
            out[0] = gx;
            out[1] = s.gMean;
            out[2] = s.gVariance;
            if (scale) out[gammaIndex()] = n.gin[gammaIndex()] != null ? n.gin[gammaIndex()] : (s.gGamma = like(s.gGamma, n.in[gammaIndex()]));
            if (center) out[betaIndex()] = n.gin[betaIndex()] != null ? n.gin[betaIndex()] : (s.gBeta = like(s.gBeta, n.in[betaIndex()]));
            INDArray[] in = new INDArray[out.length + 1];
            System.arraycopy(inputs(n, s.mean, s.variance), 0, in, 0, out.length);
            in[out.length] = n.grad;
            Nd.exec("batchnorm_bp", in, out, new double[] {epsilon}, iArgs(n));
            if (n.gin[1] != null) n.gin[1].assign(0);
            if (n.gin[2] != null) n.gin[2].assign(0);
            return;
        }
        // Statistics held constant (inference or frozen): y = (x − m) · a + beta with a = gamma / sqrt(v + eps).
        INDArray x = rows(n.in[0]), g = rows(n.grad);
        INDArray mean = n.in[1], inv = Transforms.pow(n.in[2].add(epsilon), -0.5, false);
        INDArray a = scale ? inv.mul(n.in[gammaIndex()]) : inv;
        if (n.gin[0] != null) rows(n.gin[0]).assign(g.mulRowVector(a));
        if (scale && n.gin[gammaIndex()] != null) {
            n.gin[gammaIndex()].assign(x.subRowVector(mean).mulRowVector(inv).muli(g).sum(0));
        }
        if (center && n.gin[betaIndex()] != null) n.gin[betaIndex()].assign(g.sum(0));
        if (n.gin[1] != null || n.gin[2] != null) {
            INDArray gsum = g.sum(0);
            if (n.gin[1] != null) n.gin[1].assign(gsum.mul(a).negi());
            if (n.gin[2] != null) {
                // d/dv of (x − m)·gamma·(v + eps)^(−1/2) = −½ (x − m)·gamma·(v + eps)^(−3/2)
                INDArray centred = x.subRowVector(mean).muli(g).sum(0);
                n.gin[2].assign(centred.muli(a).muli(inv).muli(inv).muli(-0.5));
            }
        }
    }

    private static INDArray like(INDArray cached, INDArray shapeOf) {
        return cached != null && java.util.Arrays.equals(cached.shape(), shapeOf.shape()) ? cached : shapeOf.ulike();
    }
}
