package dev.strata.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * float32 plans take Java-loop fast paths (bias rows under the GEMM, ReLU, bias gradients) that
 * float64 plans, the ones checked against finite differences, do not: the two precisions must agree.
 */
class Float32PathTest {
    private static Parameter as(Parameter p, DType dtype) {
        return new Parameter(p.name(), p.get(), dtype, true);
    }

    /** Values and gradients of {@code f(x·W + b)} with a sum-of-squares loss, in one precision. */
    private static double[][] run(Function<Expr, Expr> f, DType dtype, Parameter x0, Parameter w0, Parameter b0) {
        Parameter x = as(x0, dtype), w = as(w0, dtype), b = as(b0, dtype);
        Expr y = f.apply(Expr.param(x).affine(Expr.param(w), Expr.param(b)));
        Expr loss = y.square().sum();
        Plan plan = Plan.compile(List.of(loss, y), dtype);
        plan.forward(true);
        plan.backward(loss);
        return new double[][] {plan.value(y).toDoubleArray(), plan.gradient(x).toDoubleArray(), plan.gradient(w).toDoubleArray(),
                plan.gradient(b).toDoubleArray()};
    }

    @Test void denseLayersAgreeWithFloat64() {
        // 64·40·30 multiply-adds: above the tiny-layer threshold, so the GEMM paths run.
        Parameter x = GradientCheck.param("x", 1, -1, 1, 64, 40);
        Parameter w = GradientCheck.param("w", 2, -0.3, 0.3, 40, 30);
        Parameter b = GradientCheck.param("b", 3, -0.5, 0.5, 30);
        for (Function<Expr, Expr> f : List.<Function<Expr, Expr>>of(Expr::relu, e -> e, Expr::tanh, Expr::sigmoid)) {
            double[][] single = run(f, DType.FLOAT32, x, w, b), dbl = run(f, DType.FLOAT64, x, w, b);
            for (int k = 0; k < dbl.length; k++) {
                double scale = 0;
                for (double v : dbl[k]) scale = Math.max(scale, Math.abs(v));
                assertTrue(scale > 0, "array " + k + " is all zeros");
                for (int i = 0; i < dbl[k].length; i++) {
                    assertEquals(dbl[k][i], single[k][i], 1e-5 * scale, "array " + k + " index " + i);
                }
            }
        }
    }
}
