package dev.strata.ops;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.AdaGradUpdater;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.api.ops.impl.updaters.RmsPropUpdater;
import org.nd4j.linalg.factory.Nd4j;

/**
 * In-place weight updates for the optimizers, on libnd4j's fused updater kernels where they exist.
 * Each call consumes the gradient buffer (it may be overwritten).
 */
public final class Updates {
    private Updates() {}

    /** p ← p − lr·g. */
    public static void sgd(Parameter p, Tensor g, double lr) {
        Nd4j.getBlasWrapper().level1().axpy(p.value.length(), -lr, g.array, p.value);
    }

    /**
     * Momentum SGD as in Keras: v ← μv − lr·g; p ← p + v, or with Nesterov p ← p + μv − lr·g.
     */
    public static void momentum(Parameter p, Tensor g, Tensor velocity, double lr, double mu, boolean nesterov) {
        INDArray v = velocity.array;
        v.muli(mu);
        Nd4j.getBlasWrapper().level1().axpy(v.length(), -lr, g.array, v);
        if (nesterov) {
            Nd4j.getBlasWrapper().level1().axpy(v.length(), mu, v, p.value);
            Nd4j.getBlasWrapper().level1().axpy(v.length(), -lr, g.array, p.value);
        } else {
            p.value.addi(v);
        }
    }

    /** Adam (Kingma &amp; Ba) with bias correction; {@code step} counts from 1. */
    public static void adam(Parameter p, Tensor g, Tensor m, Tensor v, double lr, double beta1, double beta2, double eps, long step) {
        // The fused kernel turns the gradient into the update and advances both moments in place.
        Nd4j.exec(new AdamUpdater(g.array, v.array, m.array, lr, beta1, beta2, eps, (int) (step - 1)));
        p.value.subi(g.array);
    }

    /** RMSprop: s ← ρs + (1−ρ)g²; p ← p − lr·g/(√s + ε). */
    public static void rmsprop(Parameter p, Tensor g, Tensor s, double lr, double rho, double eps) {
        Nd4j.exec(new RmsPropUpdater(g.array, s.array, lr, rho, eps));
        p.value.subi(g.array);
    }

    /** Adagrad: s ← s + g²; p ← p − lr·g/(√s + ε). */
    public static void adagrad(Parameter p, Tensor g, Tensor s, double lr, double eps) {
        Nd4j.exec(new AdaGradUpdater(g.array, s.array, lr, eps));
        p.value.subi(g.array);
    }

    /** A zero-filled state tensor shaped like the parameter. */
    public static Tensor zerosLike(Parameter p) {
        return new Tensor(p.value.ulike().assign(0));
    }

    /** Copies {@code src} into {@code dst} (same shape): restoring optimizer state. */
    public static void copyInto(Tensor src, Tensor dst) {
        dst.array.assign(src.array);
    }
}
