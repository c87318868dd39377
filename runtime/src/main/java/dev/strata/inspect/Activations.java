package dev.strata.inspect;

import dev.strata.model.Model;
import dev.strata.ops.Tensor;
import java.util.Map;

/** The activations (output values) of any layer for given inputs, through the model's sub-model up to that layer. */
public final class Activations {
    private Activations() {}

    /** Layer {@code layer}'s output for the single input {@code x}, batch axis first. */
    public static Tensor of(Model model, String layer, Tensor x) {
        Gradients.Layers.nodeOf(model, layer);
        return model.layer(layer).predict(x);
    }

    /** Layer {@code layer}'s output for inputs given by name. */
    public static Tensor of(Model model, String layer, Map<String, Tensor> inputs) {
        Gradients.Layers.nodeOf(model, layer);
        return model.layer(layer).predict(inputs);
    }
}
