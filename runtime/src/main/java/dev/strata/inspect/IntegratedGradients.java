package dev.strata.inspect;

import dev.strata.model.Model;
import dev.strata.ops.Tensor;
import java.util.Arrays;

/**
 * Integrated gradients (Sundararajan et al. 2017): each feature's difference from a baseline times
 * the output's gradient averaged along the straight path from the baseline to the input. The path
 * integral is the trapezoidal rule over {@code steps} intervals, all points in one batch;
 * completeness ({@code Σ contributions = f(x) − f(baseline)}) holds up to its error.
 *
 * <pre>{@code
 * Attribution a = IntegratedGradients.of(model).withSteps(64).explain(row);
 * }</pre>
 *
 * @param baseline one row shaped like the input, null for all zeros
 * @param steps    intervals of the path integral
 * @param output   the explained output, null for the only one
 * @param unit     the explained value of that output's row
 */
public record IntegratedGradients(Model model, Tensor baseline, int steps, String output, int unit) {
    private static final String WHAT = "integrated gradients";

    public IntegratedGradients {
        if (steps < 1) throw new IllegalArgumentException(WHAT + ": steps must be at least 1, got " + steps);
        if (baseline != null) OutputUnit.checkRow(model, baseline, WHAT + " baseline");
        OutputUnit.of(model, output, unit, WHAT);
    }

    /** Defaults: a zero baseline, 64 steps, the only output, unit 0. */
    public static IntegratedGradients of(Model model) {
        return new IntegratedGradients(model, null, 64, null, 0);
    }

    /** Another baseline row (null: zeros). */
    public IntegratedGradients withBaseline(Tensor baseline) {
        return new IntegratedGradients(model, baseline, steps, output, unit);
    }

    /** Another number of integration steps. */
    public IntegratedGradients withSteps(int steps) {
        return new IntegratedGradients(model, baseline, steps, output, unit);
    }

    /** Explains value {@code unit} of output {@code output} (null: the only output). */
    public IntegratedGradients withOutput(String output, int unit) {
        return new IntegratedGradients(model, baseline, steps, output, unit);
    }

    /** The attribution of one row {@code x} (shape {@code [1, …input]}). */
    public Attribution explain(Tensor x) {
        OutputUnit.checkRow(model, x, WHAT);
        OutputUnit target = OutputUnit.of(model, output, unit, WHAT);
        double[] to = x.toDoubleArray();
        double[] from = baseline == null ? new double[to.length] : baseline.toDoubleArray();
        int m = to.length;
        double[] path = new double[(steps + 1) * m];
        for (int k = 0; k <= steps; k++) {
            double alpha = (double) k / steps;
            for (int i = 0; i < m; i++) path[k * m + i] = from[i] + alpha * (to[i] - from[i]);
        }
        int[] shape = x.shape();
        shape[0] = steps + 1;
        Gradients.Result r = Gradients.of(model).weightGradients(false).ofUnit(Tensor.of(path, shape).to(model.dtype()), target.output(), target.unit());
        double[] g = r.input().toDoubleArray();
        double[] y = r.output(target.output()).toDoubleArray();
        double[] contributions = new double[m];
        for (int k = 0; k <= steps; k++) {
            double w = (k == 0 || k == steps) ? 0.5 : 1.0;
            for (int i = 0; i < m; i++) contributions[i] += w * g[k * m + i];
        }
        for (int i = 0; i < m; i++) contributions[i] *= (to[i] - from[i]) / steps;
        return new Attribution(contributions, y[target.unit()], y[steps * target.perRow() + target.unit()]);
    }

    @Override
    public String toString() {
        return "IntegratedGradients[steps=" + steps + ", output=" + output + ", unit=" + unit
                + (baseline == null ? ", zero baseline" : ", baseline=" + Arrays.toString(baseline.shape())) + "]";
    }
}
