package dev.strata.training;

import dev.strata.losses.Loss;
import dev.strata.ops.Expr;

/**
 * A loss per sample, (batch, 1), for weighting samples as Keras's {@code sample_weight} and
 * {@code class_weight} do: the weighted loss is {@code Σ wᵢ·lossᵢ / batch}. The built-in losses'
 * fused kernels average over the batch at once, so the per-sample forms are composed here from
 * elementary expressions (Keras's definitions, with its clipping ε = 1e-7); they are used only when
 * weights are given.
 */
final class PerSampleLoss {
    private static final double EPS = 1e-7;

    private PerSampleLoss() {}

    static Expr of(Loss loss, Expr t, Expr p) {
        return rowMean(perElement(loss, t, p));
    }

    private static Expr perElement(Loss loss, Expr t, Expr p) {
        if (loss instanceof Loss.MeanSquaredError) return p.minus(t).square();
        if (loss instanceof Loss.MeanAbsoluteError) return p.minus(t).abs();
        if (loss instanceof Loss.HalfSumSquares) return p.minus(t).square().times(0.5 * p.shape()[p.rank() - 1]);
        if (loss instanceof Loss.Huber h) {
            Expr a = p.minus(t).abs();
            Expr small = a.clip(0, h.delta());
            return small.square().times(0.5).plus(a.minus(small).times(h.delta()));
        }
        if (loss instanceof Loss.BinaryCrossEntropy b) {
            // From logits: max(x, 0) − x·t + log(1 + exp(−|x|)), stable for any logit.
            return b.fromLogits() ? p.relu().minus(p.times(t)).plus(p.abs().neg().softplus())
                    : crossEntropyTerm(t, p).plus(crossEntropyTerm(t.rsub(1), p.rsub(1))).neg();
        }
        if (loss instanceof Loss.CategoricalCrossEntropy c) return classSum(c.fromLogits(), t, p);
        if (loss instanceof Loss.SparseCategoricalCrossEntropy s) return classSum(s.fromLogits(), t.oneHot(p.shape()[p.rank() - 1]), p);
        Loss.Custom c = (Loss.Custom) loss;
        Expr r = c.fn().apply(t, p);
        if (r.rank() == 0) {
            throw new IllegalArgumentException("custom loss '" + c.name() + "' returns one number per batch; sample or class"
                    + " weights need its per-sample (or per-element) values");
        }
        return r;

    }

    private static Expr crossEntropyTerm(Expr t, Expr p) {
        return t.times(p.clip(EPS, 1 - EPS).log());
    }

    /** −Σ t·log(p) over the classes (times the class count, undone by the row mean). */
    private static Expr classSum(boolean logits, Expr t, Expr p) {
        int classes = p.shape()[p.rank() - 1];
        Expr logP = logits ? p.logSoftmax() : p.div(p.sum(true, -1)).clip(EPS, 1 - EPS).log();
        return t.times(logP).neg().times(classes);
    }

    /** The mean over every axis but the batch, as (batch, 1). */
    private static Expr rowMean(Expr e) {
        if (e.rank() == 1) return e.reshape(-1, 1);
        int[] axes = new int[e.rank() - 1];
        for (int i = 0; i < axes.length; i++) axes[i] = i + 1;
        return e.mean(false, axes).reshape(-1, 1);
    }
}
