package dev.strata.ops;

import java.util.List;
import java.util.function.Function;

/**
 * Central finite differences in float64 against a plan's reverse-mode gradients: the oracle every
 * kernel, layer and loss is tested with.
 */
public final class GradientCheck {
    private GradientCheck() {}

    /** Largest relative error over every value of every given parameter. */
    public static double maxRelativeError(Expr scalar, List<Parameter> params) {
        Plan plan = Plan.compile(List.of(scalar), DType.FLOAT64, 7);
        return maxRelativeError(plan, scalar, params, p -> {});
    }

    /** As above, feeding inputs through {@code feed} before each evaluation. */
    public static double maxRelativeError(Plan plan, Expr scalar, List<Parameter> params, java.util.function.Consumer<Plan> feed) {
        Function<Void, Double> eval = v -> {
            feed.accept(plan);
            plan.reseed(11);
            plan.forward(true);
            return plan.scalar(scalar);
        };
        eval.apply(null);
        plan.reseed(11);
        feed.accept(plan);
        plan.forward(true);
        plan.backward(scalar);
        double worst = 0;
        double h = 1e-6;
        for (Parameter p : params) {
            double[] analytic = plan.gradient(p).toDoubleArray();
            for (int i = 0; i < analytic.length; i++) {
                double orig = p.value.getDouble(i);
                p.value.putScalar(i, orig + h);
                double up = eval.apply(null);
                p.value.putScalar(i, orig - h);
                double down = eval.apply(null);
                p.value.putScalar(i, orig);
                double numeric = (up - down) / (2 * h);
                double denom = Math.max(1e-8, Math.abs(numeric) + Math.abs(analytic[i]));
                double err = Math.abs(numeric - analytic[i]) / denom;
                if (Math.abs(numeric - analytic[i]) < 1e-9) err = 0;
                worst = Math.max(worst, err);
            }
        }
        return worst;
    }

    /** A float64 parameter with values drawn uniformly from [lo, hi). */
    public static Parameter param(String name, long seed, double lo, double hi, int... shape) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        int n = 1;
        for (int d : shape) n *= d;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = lo + (hi - lo) * r.nextDouble();
        return new Parameter(name, Tensor.of(v, shape), DType.FLOAT64, true);
    }
}
