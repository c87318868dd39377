package dev.strata.dsl

import dev.strata.inspect.Activations
import dev.strata.inspect.Attribution
import dev.strata.inspect.Gradients
import dev.strata.inspect.IntegratedGradients
import dev.strata.inspect.KernelShap
import dev.strata.model.InputGradients
import dev.strata.model.Model
import dev.strata.ops.ReluBackward
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

private fun Model.onlyOutput(): String = outputNames().singleOrNull()
    ?: throw IllegalArgumentException("model '${name()}' has outputs ${outputNames()}: name the output")

/**
 * Kernel SHAP values of one row [x] (shape `[1, features]`) against a [background] set, for value
 * [unit] of [output]: exact over every coalition up to [exactUpTo] features, otherwise [samples]
 * coalitions drawn with [seed]. The contributions add up to `prediction − baseValue` (the mean
 * prediction over the background), as `shap.KernelExplainer` reports them.
 */
fun Model.kernelShap(x: Tensor, background: Tensor, unit: Int = 0, output: String? = null, exactUpTo: Int = 12,
                     samples: Int = 2048, seed: Long = 0): Attribution =
    KernelShap(this, background, output, unit, exactUpTo, samples, seed).explain(x)

/**
 * Integrated gradients of one row [x] for value [unit] of [output]: the gradient averaged over
 * [steps] intervals of the straight path from [baseline] (null: zeros) to [x], times `x − baseline`.
 */
fun Model.integratedGradients(x: Tensor, baseline: Tensor? = null, steps: Int = 64, unit: Int = 0, output: String? = null): Attribution =
    IntegratedGradients(this, baseline, steps, output, unit).explain(x)

/**
 * Gradients of value [unit] of [output] (summed over the rows of [x]) with respect to anything:
 * `.input()`, `.activation("conv_1")`, `.weights("dense_1")["kernel"]`. [rule] switches the ReLUs'
 * backward pass to guided or rectified backpropagation for saliency maps.
 */
fun Model.gradients(x: Tensor, unit: Int = 0, output: String = onlyOutput(), rule: ReluBackward = ReluBackward.STANDARD): Gradients.Result =
    Gradients.of(this).reluBackward(rule).ofUnit(x, output, unit)

/** Gradients of the compiled model's loss for inputs [x] and targets [y] (as training sees it, without weight penalties). */
fun Model.lossGradients(x: Tensor, y: Tensor): Gradients.Result = Gradients.of(this).ofLoss(x, y)

/** The activations of layer [layer] for inputs [x]. */
fun Model.activations(layer: String, x: Tensor): Tensor = Activations.of(this, layer, x)
