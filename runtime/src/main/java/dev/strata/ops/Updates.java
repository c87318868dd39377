package dev.strata.ops;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * In-place weight updates for the optimizers, as Java loops over the weight's values and its
 * {@link Slot}s: the weight and the gradient are copied to the heap, updated there (the JIT
 * vectorises these loops) and the weight is copied back. The gradient is only read.
 */
public final class Updates {
    private Updates() {}

    /**
     * Moments of weights whose gradient stays zero (MNIST's blank border pixels, dead ReLU units) decay
     * geometrically into float32's subnormal range, where every operation is 10–100× slower: Java has no
     * flush-to-zero mode, and the update of a 784×256 weight took 4× longer. So float32 state is shrunk
     * towards zero by this much each step, which reaches exactly zero before subnormals and changes no
     * value that matters (TensorFlow's CPU kernels flush subnormals to zero outright).
     */
    static final float TINY = 1e-30f;

    /** x moved TINY towards zero, and zero when it was within TINY: branch-free, so the loops stay vectorised. */
    private static float shrink(float x) {
        return Math.max(x - TINY, 0f) + Math.min(x + TINY, 0f);
    }

    /** p ← p − lr·g. */
    public static void sgd(Parameter p, Tensor g, double lr) {
        Weight w = Weight.open(p, g);
        if (w.f != null) {
            float a = (float) lr;
            for (int i = 0; i < w.n; i++) w.f[i] -= a * w.gf[i];
        } else {
            for (int i = 0; i < w.n; i++) w.d[i] -= lr * w.gd[i];
        }
        w.close();
    }

    /** Momentum SGD as in Keras: v ← μv − lr·g; p ← p + v, or with Nesterov p ← p + μv − lr·g. */
    public static void momentum(Parameter p, Tensor g, Slot velocity, double lr, double mu, boolean nesterov) {
        Weight w = Weight.open(p, g);
        if (w.f != null) {
            float a = (float) lr, m = (float) mu, n = nesterov ? 1f : 0f;
            float[] v = velocity.floats;
            for (int i = 0; i < w.n; i++) {
                float vi = shrink(m * v[i] - a * w.gf[i]);
                v[i] = vi;
                // Nesterov adds μv − lr·g, plain momentum adds v: blended by a constant so the loop has no branch.
                w.f[i] += vi + n * (m * vi - a * w.gf[i] - vi);
            }
        } else {
            double[] v = velocity.doubles;
            for (int i = 0; i < w.n; i++) {
                double vi = mu * v[i] - lr * w.gd[i];
                v[i] = vi;
                w.d[i] += nesterov ? mu * vi - lr * w.gd[i] : vi;
            }
        }
        w.close();
    }

    /**
     * Adam (Kingma &amp; Ba) as Keras computes it: m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g²;
     * p ← p − lr·√(1−β2ᵗ)/(1−β1ᵗ) · m/(√v + ε). {@code step} (t) counts from 1.
     */
    public static void adam(Parameter p, Tensor g, Slot m, Slot v, double lr, double beta1, double beta2, double eps, long step) {
        double alpha = lr * Math.sqrt(1 - Math.pow(beta2, step)) / (1 - Math.pow(beta1, step));
        Weight w = Weight.open(p, g);
        if (w.f != null) {
            float b1 = (float) beta1, b2 = (float) beta2, a = (float) alpha, e = (float) eps;
            float[] mf = m.floats, vf = v.floats, gf = w.gf, pf = w.f;
            adamFloats(pf, gf, mf, vf, w.n, b1, b2, a, e);
        } else {
            double[] md = m.doubles, vd = v.doubles, gd = w.gd, pd = w.d;
            for (int i = 0; i < w.n; i++) {
                double gi = gd[i];
                double mi = beta1 * md[i] + (1 - beta1) * gi;
                double vi = beta2 * vd[i] + (1 - beta2) * gi * gi;
                md[i] = mi;
                vd[i] = vi;
                pd[i] -= alpha * mi / (Math.sqrt(vi) + eps);
            }
        }
        w.close();
    }

    private static void adamFloats(float[] pf, float[] gf, float[] mf, float[] vf, int n, float b1, float b2, float a, float e) {
        float c1 = 1 - b1, c2 = 1 - b2;
        for (int i = 0; i < n; i++) {
            float gi = gf[i];
            float mi = shrink(b1 * mf[i] + c1 * gi);
            float vi = shrink(b2 * vf[i] + c2 * gi * gi);
            mf[i] = mi;
            vf[i] = vi;
            pf[i] -= a * mi / ((float) Math.sqrt(vi) + e);
        }
    }

    /** RMSprop: s ← ρs + (1−ρ)g²; p ← p − lr·g/(√s + ε). */
    public static void rmsprop(Parameter p, Tensor g, Slot s, double lr, double rho, double eps) {
        rootScaled(p, g, s, lr, rho, 1 - rho, eps);
    }

    /** Adagrad: s ← s + g²; p ← p − lr·g/(√s + ε). */
    public static void adagrad(Parameter p, Tensor g, Slot s, double lr, double eps) {
        rootScaled(p, g, s, lr, 1, 1, eps);
    }

    /** The step both share: s ← keep·s + add·g²; p ← p − lr·g/(√s + ε). */
    private static void rootScaled(Parameter p, Tensor g, Slot s, double lr, double keep, double add, double eps) {
        Weight w = Weight.open(p, g);
        if (w.f != null) {
            float k = (float) keep, c = (float) add, a = (float) lr, e = (float) eps;
            float[] sf = s.floats;
            for (int i = 0; i < w.n; i++) {
                float gi = w.gf[i];
                float si = shrink(k * sf[i] + c * gi * gi);
                sf[i] = si;
                w.f[i] -= a * gi / ((float) Math.sqrt(si) + e);
            }
        } else {
            double[] sd = s.doubles;
            for (int i = 0; i < w.n; i++) {
                double gi = w.gd[i];
                double si = keep * sd[i] + add * gi * gi;
                sd[i] = si;
                w.d[i] -= lr * gi / (Math.sqrt(si) + eps);
            }
        }
        w.close();
    }

    /** A weight's values and its gradient copied to this thread's scratch arrays; {@link #close} writes the weight back. */
    private static final class Weight {
        final INDArray value;
        final int n;
        final float[] f;
        final float[] gf;
        final double[] d;
        final double[] gd;

        private Weight(INDArray value, float[] f, float[] gf, double[] d, double[] gd) {
            this.value = value;
            this.n = (int) value.length();
            this.f = f;
            this.gf = gf;
            this.d = d;
            this.gd = gd;
        }

        static Weight open(Parameter p, Tensor g) {
            INDArray value = p.value;
            INDArray grad = g.array;
            if (grad.length() != value.length()) {
                throw new IllegalArgumentException("weight '" + p.name() + "' has " + value.length() + " values, its gradient "
                        + grad.length());
            }
            if (grad.dataType() != value.dataType()) grad = grad.castTo(value.dataType());
            if (!Flat.accessible(grad)) grad = grad.dup('c');
            if (p.dtype() == DType.FLOAT64) return new Weight(value, null, null, HostCopy.readDoubles(value, 0), HostCopy.readDoubles(grad, 1));
            return new Weight(value, HostCopy.read(value, 0), HostCopy.read(grad, 1), null, null);
        }

        void close() {
            if (f != null) HostCopy.write(f, value);
            else HostCopy.write(d, value);
        }
    }
}
