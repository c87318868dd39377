package dev.strata.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.strata.ops.DType;
import dev.strata.ops.Parameter;
import dev.strata.ops.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each optimizer's fused update against its textbook formula, step by step in float64. */
class OptimizerTest {
    private static final double[] W0 = {0.5, -1.0, 2.0};
    private static final double[][] GRADS = {{0.1, -0.2, 0.3}, {0.05, 0.4, -0.1}, {-0.3, 0.2, 0.2}};

    private static double[] run(Optimizer opt) {
        return run(opt, DType.FLOAT64);
    }

    private static double[] run(Optimizer opt, DType dtype) {
        Parameter p = new Parameter("w", Tensor.of(W0, 3), dtype, true);
        OptimizerState state = new OptimizerState(opt);
        for (double[] g : GRADS) {
            state.apply(p, Tensor.of(g, 3), opt.decayed(opt.learningRate(), state.iterations()));
            state.advance();
        }
        return p.get().toDoubleArray();
    }

    private static void assertClose(double[] expected, double[] actual) {
        for (int i = 0; i < expected.length; i++) assertEquals(expected[i], actual[i], 1e-12, "index " + i);
    }

    @Test void sgdWithMomentumAndNesterovAndDecay() {
        double lr = 0.1, mu = 0.9, decay = 0.01;
        for (boolean nesterov : new boolean[] {false, true}) {
            double[] w = W0.clone(), v = new double[3];
            for (int t = 0; t < GRADS.length; t++) {
                double lrT = lr / (1 + decay * t);
                for (int i = 0; i < 3; i++) {
                    v[i] = mu * v[i] - lrT * GRADS[t][i];
                    w[i] += nesterov ? mu * v[i] - lrT * GRADS[t][i] : v[i];
                }
            }
            assertClose(w, run(new Optimizer.SGD(lr, mu, nesterov, decay)));
        }
    }

    @Test void adamWithBiasCorrection() {
        double lr = 0.01, b1 = 0.9, b2 = 0.999, eps = 1e-7;
        double[] w = W0.clone(), m = new double[3], v = new double[3];
        for (int t = 1; t <= GRADS.length; t++) {
            double lrT = lr * Math.sqrt(1 - Math.pow(b2, t)) / (1 - Math.pow(b1, t));
            for (int i = 0; i < 3; i++) {
                double g = GRADS[t - 1][i];
                m[i] = b1 * m[i] + (1 - b1) * g;
                v[i] = b2 * v[i] + (1 - b2) * g * g;
                w[i] -= lrT * m[i] / (Math.sqrt(v[i]) + eps);
            }
        }
        double[] got = run(new Optimizer.Adam(lr, b1, b2, eps));
        // libnd4j applies epsilon after bias correction of the rate: equal to 1e-9 here.
        for (int i = 0; i < 3; i++) assertEquals(w[i], got[i], 1e-9);
    }

    @Test void rmspropAndAdagrad() {
        double lr = 0.01, rho = 0.9, eps = 1e-7;
        double[] w = W0.clone(), s = new double[3];
        for (double[] g : GRADS) {
            for (int i = 0; i < 3; i++) {
                s[i] = rho * s[i] + (1 - rho) * g[i] * g[i];
                w[i] -= lr * g[i] / (Math.sqrt(s[i]) + eps);
            }
        }
        double[] got = run(new Optimizer.RMSprop(lr, rho, eps));
        for (int i = 0; i < 3; i++) assertEquals(w[i], got[i], 1e-9);

        double[] w2 = W0.clone(), acc = new double[3];
        for (double[] g : GRADS) {
            for (int i = 0; i < 3; i++) {
                acc[i] += g[i] * g[i];
                w2[i] -= lr * g[i] / (Math.sqrt(acc[i]) + eps);
            }
        }
        double[] got2 = run(new Optimizer.Adagrad(lr, eps));
        for (int i = 0; i < 3; i++) assertEquals(w2[i], got2[i], 1e-9);
    }

    @Test void float32UpdatesFollowTheFloat64Ones() {
        for (Optimizer opt : List.of(new Optimizer.SGD(0.1), new Optimizer.SGD(0.1, 0.9, false, 0), new Optimizer.SGD(0.1, 0.9, true, 0),
                new Optimizer.Adam(0.01), new Optimizer.RMSprop(0.01), new Optimizer.Adagrad(0.01, 1e-7))) {
            double[] dbl = run(opt), single = run(opt, DType.FLOAT32);
            for (int i = 0; i < 3; i++) assertEquals(dbl[i], single[i], 1e-6, opt + " index " + i);
        }
    }

    @Test void zeroLearningRateLeavesWeightsExactlyAlone() {
        for (DType dtype : DType.values()) {
            for (Optimizer opt : List.of(new Optimizer.Adam(0.0), new Optimizer.SGD(0.0, 0.9, true, 0), new Optimizer.RMSprop(0.0))) {
                double[] got = run(opt, dtype);
                for (int i = 0; i < 3; i++) assertEquals((float) W0[i], (float) got[i], 0.0, opt + " " + dtype);
            }
        }
    }

    @Test void stateSurvivesARoundTripThroughTensors() {
        Optimizer opt = new Optimizer.Adam(0.01);
        Parameter p = new Parameter("w", Tensor.of(W0, 3), DType.FLOAT32, true);
        OptimizerState state = new OptimizerState(opt);
        state.apply(p, Tensor.of(GRADS[0], 3), opt.learningRate());
        state.advance();
        OptimizerState copy = new OptimizerState(opt);
        copy.restore("w", state.slots().get("w"), DType.FLOAT32);
        copy.setIterations(state.iterations());
        Parameter q = new Parameter("w", p.get(), DType.FLOAT32, true);
        state.apply(p, Tensor.of(GRADS[1], 3), opt.learningRate());
        copy.apply(q, Tensor.of(GRADS[1], 3), opt.learningRate());
        org.junit.jupiter.api.Assertions.assertArrayEquals(p.get().toDoubleArray(), q.get().toDoubleArray(), 0.0);
    }
}
