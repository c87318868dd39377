package dev.strata.layers;

import dev.strata.ops.Expr;
import java.util.List;

/** Keras's {@code ThresholdedReLU}: {@code x > theta ? x : 0}. */
public record ThresholdedReLU(String name, double theta) implements Layer {
    @Override
    public int[] outputShape(List<int[]> inputs) {
        Layer.expectInputs(this, inputs, 1, 1);
        return inputs.get(0).clone();
    }

    @Override
    public Expr call(List<Expr> inputs, LayerWeights weights) {
        return inputs.get(0).relu(Double.POSITIVE_INFINITY, 0, theta);
    }

    @Override
    public String activationLabel() {
        return "thresholded_relu";
    }
}
