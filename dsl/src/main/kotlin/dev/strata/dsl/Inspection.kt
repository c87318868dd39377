package dev.strata.dsl

import dev.strata.model.InputGradients
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

/**
 * How value [unit] of [output] (by default the only output) responds to the input, row by row:
 * d y[r, unit] / d x[r, …], shaped like [x]. Saliency maps for images; multiplied by the input,
 * gradient × input attributions for tabular rows (`inputGradients(x) * x` per feature).
 */
fun Model.inputGradients(x: Tensor, unit: Int = 0, output: String = outputNames().singleOrNull()
    ?: throw IllegalArgumentException("model '${name()}' has outputs ${outputNames()}: name the output")): Tensor =
    InputGradients.of(this, x, output, unit)
