package dev.strata.init;

import dev.strata.ops.Expr;

/** A weight penalty added to the training loss: l1·Σ|w| + l2·Σw², as in Keras. */
public record Regularizer(double l1, double l2) {
    /** L1 only. */
    public static Regularizer l1(double l1) {
        return new Regularizer(l1, 0);
    }

    /** L2 only. */
    public static Regularizer l2(double l2) {
        return new Regularizer(0, l2);
    }

    /** The penalty for one weight, as an expression. */
    public Expr penalty(Expr weight) {
        Expr total = null;
        if (l1 != 0) total = weight.abs().sum().times(l1);
        if (l2 != 0) {
            Expr sq = weight.square().sum().times(l2);
            total = total == null ? sq : total.plus(sq);
        }
        return total == null ? weight.times(0).sum() : total;
    }
}
