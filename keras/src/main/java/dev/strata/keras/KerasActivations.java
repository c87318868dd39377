package dev.strata.keras;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strata.activations.Activation;

/** Keras activation names (and Keras 3's serialized functions) to Strata activations. */
final class KerasActivations {
    static final String SUPPORTED = "linear, sigmoid, tanh, relu, elu, selu, softplus, softmax, softsign, hard_sigmoid, "
            + "swish/silu, exponential, relu6, mish, leaky_relu";

    private KerasActivations() {}

    /** @param keras3 Keras 3 changed hard_sigmoid's slope from 0.2 to 1/6 */
    static Activation of(JsonNode node, boolean keras3, String where) {
        if (node == null || node.isNull()) return Activation.LINEAR;
        String name = node.isTextual() ? node.asText() : node.path("config").isTextual() ? node.path("config").asText()
                : node.path("config").path("name").asText(node.path("class_name").asText(""));
        return named(name, keras3, where);
    }

    static Activation named(String name, boolean keras3, String where) {
        if (name.equals("hard_sigmoid") && keras3) return Activation.hardSigmoid(1.0 / 6);
        try {
            return Activation.named(name);
        } catch (IllegalArgumentException e) {
            throw new KerasImportException(where + ": activation '" + name + "' is not supported; supported: " + SUPPORTED);
        }
    }
}
