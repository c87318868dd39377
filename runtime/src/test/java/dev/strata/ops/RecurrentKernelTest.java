package dev.strata.ops;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The recurrent kernel on its own: both implementations of the LSTM (libnd4j's lstmLayer and the
 * Java loop) against finite differences and against each other, forwards and in reverse.
 */
class RecurrentKernelTest {
    private static final int B = 2, T = 4, F = 2, U = 3;

    private record Setup(List<Parameter> params, Expr loss) {}

    private static Setup lstm(boolean reverse, boolean bias, boolean initial, boolean allowNative, String act, String rec) {
        Parameter x = GradientCheck.param("x", 1, -1, 1, B, T, F);
        Parameter w = GradientCheck.param("w", 2, -0.8, 0.8, F, 4 * U);
        Parameter u = GradientCheck.param("u", 3, -0.8, 0.8, U, 4 * U);
        Parameter b = GradientCheck.param("b", 4, -0.5, 0.5, 4 * U);
        Parameter h0 = GradientCheck.param("h0", 5, -1, 1, B, U);
        Parameter c0 = GradientCheck.param("c0", 6, -1, 1, B, U);
        Parameter proj = GradientCheck.param("proj", 7, -1, 1, B, T + 1, U);
        List<Expr> in = new ArrayList<>(List.of(Expr.param(x), Expr.param(w), Expr.param(u)));
        List<Parameter> ps = new ArrayList<>(List.of(x, w, u));
        if (bias) {
            in.add(Expr.param(b));
            ps.add(b);
        }
        if (initial) {
            in.add(Expr.param(h0));
            in.add(Expr.param(c0));
            ps.add(h0);
            ps.add(c0);
        }
        Recurrence spec = new Recurrence(Recurrence.Cell.LSTM, act, 0, rec, 0, reverse);
        Expr traj = Expr.of(new RecurrentKernel(spec, bias, initial ? 2 : 0, allowNative), in.toArray(Expr[]::new));
        return new Setup(ps, traj.times(Expr.param(proj)).sum());
    }

    @Test void bothLstmImplementationsPassGradientChecks() {
        for (boolean allowNative : new boolean[] {true, false}) {
            for (boolean reverse : new boolean[] {false, true}) {
                for (boolean initial : new boolean[] {false, true}) {
                    // The Java loop is also checked against the native op below: one configuration suffices here.
                    if (!allowNative && !(reverse && initial)) continue;
                    Setup s = lstm(reverse, !initial, initial, allowNative, "tanh", "sigmoid");
                    double err = GradientCheck.maxRelativeError(s.loss(), s.params());
                    assertTrue(err < 1e-6, "native=" + allowNative + " reverse=" + reverse + " initial=" + initial + ": " + err);
                }
            }
        }
    }

    @Test void nativeAndJavaLstmAgree() {
        for (String[] acts : new String[][] {{"tanh", "sigmoid"}, {"relu", "tanh"}, {"sigmoid", "relu"}}) {
            for (boolean reverse : new boolean[] {false, true}) {
                Setup n = lstm(reverse, true, true, true, acts[0], acts[1]);
                Setup j = lstm(reverse, true, true, false, acts[0], acts[1]);
                Plan pn = Plan.compile(List.of(n.loss()), DType.FLOAT64);
                Plan pj = Plan.compile(List.of(j.loss()), DType.FLOAT64);
                pn.forward(true);
                pj.forward(true);
                assertTrue(Math.abs(pn.scalar(n.loss()) - pj.scalar(j.loss())) < 1e-12, acts[0] + " forward");
                pn.backward(n.loss());
                pj.backward(j.loss());
                for (int i = 0; i < n.params().size(); i++) {
                    Tensor gn = pn.gradient(n.params().get(i)), gj = pj.gradient(j.params().get(i));
                    assertTrue(gn.allClose(gj, 1e-10), acts[0] + "/" + acts[1] + " reverse=" + reverse + " gradient of "
                            + n.params().get(i).name());
                }
            }
        }
    }
}
