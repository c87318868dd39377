package dev.strata.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Every tensor operation's backward rule against central finite differences (float64). */
class ExprGradientTest {
    private static final double TOL = 1e-6;

    private static void check(String what, Function<Expr, Expr> f, double lo, double hi, int... shape) {
        Parameter p = GradientCheck.param("x", 3, lo, hi, shape);
        // A random projection makes the scalar depend on every output value differently.
        Expr y = f.apply(Expr.param(p));
        Parameter w = GradientCheck.param("w", 5, -1, 1, positive(y.shape()));
        Expr loss = y.times(Expr.param(w)).sum();
        double err = GradientCheck.maxRelativeError(loss, List.of(p));
        assertTrue(err < TOL, what + ": relative error " + err);
    }

    private static int[] positive(int[] s) {
        return s.clone();
    }

    @Test void unaryFunctions() {
        check("exp", Expr::exp, -1, 1, 3, 4);
        check("log", Expr::log, 0.5, 2, 3, 4);
        check("sqrt", Expr::sqrt, 0.5, 2, 3, 4);
        check("abs", Expr::abs, 0.1, 1, 3, 4);
        check("abs negative", Expr::abs, -1, -0.1, 3, 4);
        check("square", Expr::square, -1, 1, 3, 4);
        check("pow 3", x -> x.pow(3), -1, 1, 3, 4);
        check("affine", x -> x.times(3).plus(2), -1, 1, 3, 4);
        check("rsub", x -> x.rsub(2), -1, 1, 3, 4);
        check("neg", Expr::neg, -1, 1, 3, 4);
        check("clip", x -> x.clip(-0.5, 0.5), -1, 1, 3, 4);
        check("sigmoid", Expr::sigmoid, -2, 2, 3, 4);
        check("tanh", Expr::tanh, -2, 2, 3, 4);
        check("relu", Expr::relu, -2, 2, 3, 4);
        check("elu", x -> x.elu(1.0), -2, 2, 3, 4);
        check("leaky relu", x -> x.leakyRelu(0.2), -2, 2, 3, 4);
        check("selu", Expr::selu, -2, 2, 3, 4);
        check("softplus", Expr::softplus, -2, 2, 3, 4);
        check("softmax", Expr::softmax, -2, 2, 3, 4);
        check("log softmax", Expr::logSoftmax, -2, 2, 3, 4);
    }

    @Test void binaryWithBroadcasting() {
        Parameter a = GradientCheck.param("a", 1, -1, 1, 3, 4);
        Parameter b = GradientCheck.param("b", 2, 0.5, 1.5, 4);
        Parameter c = GradientCheck.param("c", 4, 0.5, 1.5, 3, 1);
        for (var f : List.<java.util.function.BiFunction<Expr, Expr, Expr>>of(Expr::plus, Expr::minus, Expr::times, Expr::div,
                Expr::maximum, Expr::minimum)) {
            Expr la = f.apply(Expr.param(a), Expr.param(b)).times(Expr.param(a)).sum();
            assertTrue(GradientCheck.maxRelativeError(la, List.of(a, b)) < TOL);
            Expr lc = f.apply(Expr.param(c), Expr.param(a)).square().sum();
            assertTrue(GradientCheck.maxRelativeError(lc, List.of(a, c)) < TOL);
        }
    }

    @Test void matmulReduceReshapeConcat() {
        Parameter a = GradientCheck.param("a", 1, -1, 1, 3, 4);
        Parameter b = GradientCheck.param("b", 2, -1, 1, 4, 2);
        Expr mm = Expr.param(a).matmul(Expr.param(b)).tanh().sum();
        assertTrue(GradientCheck.maxRelativeError(mm, List.of(a, b)) < TOL);
        Expr red = Expr.param(a).sum(true, 1).square().sum().plus(Expr.param(a).mean(false, 0).square().sum());
        assertTrue(GradientCheck.maxRelativeError(red, List.of(a)) < TOL);
        Expr resh = Expr.param(a).reshape(2, 6).matmul(Expr.param(GradientCheck.param("c", 9, -1, 1, 6, 1))).square().sum();
        assertTrue(GradientCheck.maxRelativeError(resh, List.of(a)) < TOL);
        Expr cat = Expr.concat(1, List.of(Expr.param(a), Expr.param(a).square())).matmul(Expr.param(GradientCheck.param("d", 8, -1, 1, 8, 1))).sum();
        assertTrue(GradientCheck.maxRelativeError(cat, List.of(a)) < TOL);
    }

    @Test void sharedSubexpressionAccumulatesGradients() {
        Parameter a = GradientCheck.param("a", 1, -1, 1, 2, 2);
        Expr x = Expr.param(a);
        Expr loss = x.times(x).plus(x.sigmoid()).sum();
        assertTrue(GradientCheck.maxRelativeError(loss, List.of(a)) < TOL);
    }

    @Test void scalarDerivativeOfPolynomial() {
        // f(x) = x³ − 3x² + 4x, f'(2) = 3·4 − 12 + 4 = 4 (SPEC §5).
        Expr x = Expr.input("x");
        Expr f = x.pow(3).minus(x.pow(2).times(3)).plus(x.times(4));
        Plan plan = Plan.compile(List.of(f), DType.FLOAT64);
        plan.feed(x, Tensor.scalar(2.0));
        plan.forward(false);
        plan.backward(f, x);
        assertEquals(4.0, plan.gradient(x).item(), 1e-12);
        assertEquals(4.0, plan.scalar(f), 1e-12);
    }

    @Test void stepHasNoGradient() {
        Parameter a = GradientCheck.param("a", 1, -1, 1, 2, 2);
        Expr loss = Expr.param(a).step().sum();
        Plan plan = Plan.compile(List.of(loss), DType.FLOAT64);
        plan.forward(true);
        var e = assertThrows(IllegalStateException.class, () -> plan.backward(loss));
        assertTrue(e.getMessage().contains("binary step"), e.getMessage());
    }

    @Test void shapeErrorsNameBothShapes() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Expr.input("x", -1, 3).matmul(Expr.input("w", 4, 2)));
        assertEquals("matmul: shapes (None, 3) and (4, 2) do not multiply", e.getMessage());
        var f = assertThrows(IllegalArgumentException.class, () -> Expr.input("x", -1, 3).plus(Expr.input("y", -1, 4)));
        assertEquals("add: shapes (None, 3) and (None, 4) do not broadcast", f.getMessage());
    }

    @Test void dropoutIsIdentityAtInferenceAndScaledInTraining() {
        Expr x = Expr.input("x", -1, 1000);
        Expr y = x.dropout(0.5);
        Plan plan = Plan.compile(List.of(y), DType.FLOAT32, 1);
        float[] ones = new float[1000];
        java.util.Arrays.fill(ones, 1f);
        plan.feed(x, Tensor.of(ones, 1, 1000));
        plan.forward(false);
        assertEquals(1000.0, plan.value(y).toDoubleArray().length);
        for (double v : plan.value(y).toDoubleArray()) assertEquals(1.0, v);
        plan.forward(true);
        double[] t = plan.value(y).toDoubleArray();
        long zeros = java.util.Arrays.stream(t).filter(v -> v == 0).count();
        assertTrue(zeros > 400 && zeros < 600, "dropped " + zeros);
        for (double v : t) assertTrue(v == 0 || v == 2.0);
    }
}
