package dev.strata.dsl

import dev.strata.model.Model
import dev.strata.ops.Tensor

/** Prints Keras's summary table (layer and type, output shape, parameters, totals); `summary()` returns the same text. */
fun Model.printSummary() {
    print(summary())
}

/** Prints every layer's name, type, input and output dimensions, parameter count, activation, weights and biases. */
fun Model.printLayerDetails() {
    print(layerDetails())
}

/** The names of the layers, in order (inputs excluded). */
val Model.layerNames: List<String> get() = graph().layers().keys.toList()

/** Copies of one layer's weights by short name: `model.weightsOf("hidden_1")["kernel"]`. */
fun Model.weightsOf(layer: String): Map<String, Tensor> {
    layerConfig(layer)
    return weights().of(layer).mapValues { (_, p) -> p.get() }
}
