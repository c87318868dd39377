package dev.strata.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.strata.ops.DType;
import dev.strata.ops.Expr;
import dev.strata.ops.GradientCheck;
import dev.strata.ops.Parameter;
import dev.strata.ops.Plan;
import dev.strata.ops.Tensor;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * The fused loss kernels against their definitions written as plain expressions: same values and
 * same gradients for predictions and targets.
 */
class LossParityTest {
    private static final double EPS = 1e-7;

    private static void parity(Loss fused, BiFunction<Expr, Expr, Expr> reference, double lo, double hi, Tensor targets) {
        Parameter p = GradientCheck.param("p", 1, lo, hi, targets.shape());
        Parameter t = new Parameter("t", targets, DType.FLOAT64, true);
        Expr a = fused.compute(Expr.param(t), Expr.param(p));
        Expr b = reference.apply(Expr.param(t), Expr.param(p));
        Plan pa = Plan.compile(List.of(a), DType.FLOAT64), pb = Plan.compile(List.of(b), DType.FLOAT64);
        pa.forward(true);
        pb.forward(true);
        assertEquals(pb.scalar(b), pa.scalar(a), 1e-12, fused.name());
        pa.backward(a);
        pb.backward(b);
        double[] ga = pa.gradient(p).toDoubleArray(), gb = pb.gradient(p).toDoubleArray();
        double[] ta = pa.gradient(t).toDoubleArray(), tb = pb.gradient(t).toDoubleArray();
        for (int i = 0; i < ga.length; i++) {
            assertEquals(gb[i], ga[i], 1e-10, fused.name() + " d/dp " + i);
            assertEquals(tb[i], ta[i], 1e-10, fused.name() + " d/dt " + i);
        }
    }

    @Test void everyFusedLossMatchesItsDefinition() {
        Tensor probs = GradientCheck.param("y", 2, 0.05, 0.95, 4, 3).get();
        double[] oh = new double[12];
        for (int r = 0; r < 4; r++) oh[r * 3 + (r % 3)] = 1;
        Tensor oneHot = Tensor.of(oh, 4, 3);
        parity(new Loss.MeanSquaredError(), (t, p) -> t.minus(p).square().mean(), -1, 1, probs);
        parity(new Loss.MeanAbsoluteError(), (t, p) -> t.minus(p).abs().mean(), -1, 1, probs);
        parity(new Loss.HalfSumSquares(), (t, p) -> t.minus(p).square().sum(false, -1).times(0.5).mean(), -1, 1, probs);
        parity(new Loss.Huber(0.3), (t, p) -> {
            Expr err = t.minus(p).abs(), q = err.clip(0, 0.3);
            return q.square().times(0.5).plus(err.minus(q).times(0.3)).mean();
        }, -1, 1, probs);
        parity(new Loss.BinaryCrossEntropy(false), (t, p) -> {
            Expr q = p.clip(EPS, 1 - EPS);
            return t.times(q.log()).plus(t.rsub(1).times(q.rsub(1).log())).mean().neg();
        }, 0.01, 0.99, probs);
        parity(new Loss.BinaryCrossEntropy(true), (t, p) -> p.relu().minus(p.times(t)).plus(p.abs().neg().softplus()).mean(), -3, 3, probs);
        parity(new Loss.CategoricalCrossEntropy(false), (t, p) -> t.times(p.clip(EPS, 1 - EPS).log()).sum(false, -1).mean().neg(),
                0.01, 0.99, oneHot);
        parity(new Loss.CategoricalCrossEntropy(true), (t, p) -> t.times(p.logSoftmax()).sum(false, -1).mean().neg(), -3, 3, oneHot);
    }
}
