package dev.strata.layers;

import dev.strata.activations.Activation;
import dev.strata.ops.Expr;
import java.util.List;

/** Applies an activation function on its own (Keras's {@code Activation} layer). */
public record ActivationLayer(String name, Activation activation) implements Layer {
    @Override
    public String typeName() {
        return "Activation";
    }

    @Override
    public int[] outputShape(List<int[]> inputs) {
        Layer.expectInputs(this, inputs, 1, 1);
        return inputs.get(0).clone();
    }

    @Override
    public Expr call(List<Expr> inputs, LayerWeights weights) {
        return activation.apply(inputs.get(0));
    }

    @Override
    public String activationLabel() {
        return activation.label();
    }
}
