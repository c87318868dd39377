package dev.strata.model;

import dev.strata.ops.Expr;
import dev.strata.ops.Plan;
import dev.strata.ops.Tensor;
import java.util.Arrays;
import java.util.Map;

/**
 * How one output unit of a model responds to its input, row by row: d y[r, unit] / d x[r, …], the
 * saliency map of image models and the first step of gradient × input attributions for tabular ones.
 * Inference mode (dropout off). Each row's gradient is its own, since rows do not interact in
 * inference.
 */
public final class InputGradients {
    private InputGradients() {}

    /**
     * The gradient of output {@code output}'s value number {@code unit} (counted over the values of
     * one row, row-major) with respect to the single input {@code x}; shaped like {@code x}.
     *
     * @throws IllegalArgumentException naming the model, the output and the valid range when the
     *     model has several inputs, the output is unknown or the unit is out of range
     */
    public static Tensor of(Model model, Tensor x, String output, int unit) {
        if (model.inputNames().size() != 1) {
            throw new IllegalArgumentException("input gradients: model '" + model.name() + "' has inputs " + model.inputNames()
                    + ", expected exactly one");
        }
        Map<String, Expr> inputs = model.placeholders();
        Expr input = inputs.values().iterator().next();
        Integer id = model.graph().outputs().get(output);
        if (id == null) {
            throw new IllegalArgumentException("input gradients: model '" + model.name() + "' has no output '" + output
                    + "'; its outputs are " + model.outputNames());
        }
        Expr y = model.expressions(inputs)[id];
        int[] shape = y.shape();
        int perRow = 1;
        for (int i = 1; i < shape.length; i++) perRow *= shape[i];
        if (unit < 0 || unit >= perRow) {
            throw new IllegalArgumentException("input gradients: output '" + output + "' of model '" + model.name() + "' has "
                    + perRow + " values per row (shape " + Arrays.toString(Arrays.copyOfRange(shape, 1, shape.length))
                    + "), unit " + unit + " is out of range");
        }
        double[] pick = new double[perRow];
        pick[unit] = 1;
        Tensor mask = Tensor.of(pick, Arrays.copyOfRange(shape, 1, shape.length)).to(model.dtype());
        Expr picked = y.times(Expr.constant(mask)).sum();
        Plan plan = Plan.compile(java.util.List.of(picked), model.dtype(), model.seed());
        plan.feed(input, x);
        plan.forward(false);
        plan.backward(picked, input);
        return plan.gradient(input);
    }
}
