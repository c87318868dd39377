package dev.strata.layers;

import dev.strata.ops.Expr;
import java.util.List;

/**
 * Keras's {@code ReLU} layer: {@code x > threshold ? min(x, maxValue) : negativeSlope · (x − threshold)}.
 * With no max value, slope 0 and threshold 0 it is the plain ReLU.
 *
 * @param maxValue null for no upper bound
 */
public record ReLU(String name, Double maxValue, double negativeSlope, double threshold) implements Layer {
    public ReLU {
        if (maxValue != null && !(maxValue > 0)) throw new IllegalArgumentException("ReLU '" + name + "': max value must be positive, got " + maxValue);
    }

    @Override
    public int[] outputShape(List<int[]> inputs) {
        Layer.expectInputs(this, inputs, 1, 1);
        return inputs.get(0).clone();
    }

    @Override
    public Expr call(List<Expr> inputs, LayerWeights weights) {
        return inputs.get(0).relu(maxValue == null ? Double.POSITIVE_INFINITY : maxValue, negativeSlope, threshold);
    }

    @Override
    public String activationLabel() {
        return "relu";
    }
}
