package dev.strata.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Tiny dense layers and activations run as Java loops instead of native calls: both paths must give
 * the same values and gradients, and the Java path must pass the finite-difference check.
 */
class SmallKernelParityTest {
    private final int saved = Flat.smallWork;

    @AfterEach void restore() {
        Flat.smallWork = saved;
    }

    private static double[][] run(Function<Expr, Expr> f, Parameter x, Parameter w, Parameter b) {
        Expr y = f.apply(Expr.param(x).affine(Expr.param(w), Expr.param(b)));
        Expr loss = y.square().sum();
        Plan plan = Plan.compile(List.of(loss, y), DType.FLOAT64);
        plan.forward(true);
        plan.backward(loss);
        return new double[][] {plan.value(y).toDoubleArray(), plan.gradient(x).toDoubleArray(),
                plan.gradient(w).toDoubleArray(), plan.gradient(b).toDoubleArray()};
    }

    @Test void javaLoopsMatchNativeKernels() {
        Parameter x = GradientCheck.param("x", 1, -1, 1, 5, 4);
        Parameter w = GradientCheck.param("w", 2, -1, 1, 4, 3);
        Parameter b = GradientCheck.param("b", 3, -1, 1, 3);
        for (Function<Expr, Expr> f : List.<Function<Expr, Expr>>of(Expr::sigmoid, Expr::tanh, Expr::relu, e -> e, Expr::softmax,
                Expr::logSoftmax)) {
            Flat.smallWork = Integer.MAX_VALUE;
            double[][] java = run(f, x, w, b);
            Flat.smallWork = 0;
            double[][] nd = run(f, x, w, b);
            for (int i = 0; i < java.length; i++) assertArrayEquals(nd[i], java[i], 1e-12);
            Flat.smallWork = Integer.MAX_VALUE;
            Expr loss = f.apply(Expr.param(x).affine(Expr.param(w), Expr.param(b))).square().sum();
            assertTrue(GradientCheck.maxRelativeError(loss, List.of(x, w, b)) < 1e-6);
        }
    }
}
