package dev.strata.dsl

import dev.strata.activations.Activation
import dev.strata.init.Initializer
import dev.strata.init.Regularizer
import dev.strata.layers.ActivationLayer
import dev.strata.layers.Add
import dev.strata.layers.Average
import dev.strata.layers.BatchNormalization
import dev.strata.layers.Concatenate
import dev.strata.layers.Dense
import dev.strata.layers.Dropout
import dev.strata.layers.Embedding
import dev.strata.layers.Flatten
import dev.strata.layers.Layer
import dev.strata.layers.Multiply
import dev.strata.layers.Reshape
import dev.strata.layers.TimeDistributed
import dev.strata.model.Model

// Layer values: the runtime's immutable layer records, with Keras's defaults and automatic names.
// In a functional model a layer is applied to tensors (`dense(8)(x)`, see Functional.kt); a layer
// applied several times keeps one set of weights. Inside `sequential { }` the scope's functions of
// the same names append the layer instead.

/**
 * A fully connected layer `activation(x · kernel + bias)`, Keras's `Dense`.
 *
 * @param units number of outputs.
 * @param activation applied to the result; [linear] by default.
 * @param name unique in the model; `dense`, `dense_1`, … when not given.
 * @param useBias whether to add a bias vector.
 * @param kernelInitializer first values of the kernel; [glorotUniform] by default.
 * @param biasInitializer first values of the bias; [zeros] by default.
 * @param kernelRegularizer penalty on the kernel added to the loss, e.g. `l2(0.01)`.
 * @param biasRegularizer penalty on the bias.
 * @param trainable false to freeze the layer's weights from the start.
 */
fun dense(
    units: Int,
    activation: Activation = linear,
    name: String? = null,
    useBias: Boolean = true,
    kernelInitializer: Initializer = glorotUniform(),
    biasInitializer: Initializer = zeros(),
    kernelRegularizer: Regularizer? = null,
    biasRegularizer: Regularizer? = null,
    trainable: Boolean = true,
): Dense = Dense(
    nameOr(name, "dense"), units, activation, useBias, kernelInitializer, biasInitializer,
    kernelRegularizer, biasRegularizer, trainable,
)

/** Applies an activation function on its own, Keras's `Activation` layer (named `activation`, `activation_1`, … by default). */
fun activation(function: Activation, name: String? = null): ActivationLayer =
    ActivationLayer(nameOr(name, "activation"), function)

/** Zeroes a fraction [rate] of its inputs in training (scaling the rest by 1/(1 − rate)); the identity when predicting. */
fun dropout(rate: Double, name: String? = null): Dropout = Dropout(nameOr(name, "dropout"), rate)

/** Flattens every axis but the batch axis. */
fun flatten(name: String? = null): Flatten = Flatten(nameOr(name, "flatten"))

/** Reshapes each sample to [targetShape] (batch axis excluded), e.g. `reshape(4, 4)`. */
fun reshape(vararg targetShape: Int, name: String? = null): Reshape = Reshape(nameOr(name, "reshape"), targetShape)

/** A layer concatenating its inputs along [axis] (−1: the last; 0: the first after the batch axis). */
fun concatenateLayer(axis: Int = -1, name: String? = null): Concatenate = Concatenate(nameOr(name, "concatenate"), axis)

/** A layer adding its inputs (all of one shape) element-wise. */
fun addLayer(name: String? = null): Add = Add(nameOr(name, "add"))

/** A layer multiplying its inputs (all of one shape) element-wise. */
fun multiplyLayer(name: String? = null): Multiply = Multiply(nameOr(name, "multiply"))

/** A layer averaging its inputs (all of one shape) element-wise. */
fun averageLayer(name: String? = null): Average = Average(nameOr(name, "average"))

/**
 * Batch normalization over the last axis, Keras's `BatchNormalization` (momentum 0.99, ε 1e-3):
 * normalizes with the batch's statistics in training and with moving averages when predicting.
 *
 * @param center learn an offset β.
 * @param scale learn a scale γ.
 */
fun batchNormalization(
    momentum: Double = 0.99,
    epsilon: Double = 1e-3,
    center: Boolean = true,
    scale: Boolean = true,
    name: String? = null,
    betaInitializer: Initializer = zeros(),
    gammaInitializer: Initializer = ones(),
    movingMeanInitializer: Initializer = zeros(),
    movingVarianceInitializer: Initializer = ones(),
    betaRegularizer: Regularizer? = null,
    gammaRegularizer: Regularizer? = null,
    trainable: Boolean = true,
): BatchNormalization = BatchNormalization(
    nameOr(name, "batch_normalization"), momentum, epsilon, center, scale, betaInitializer, gammaInitializer,
    movingMeanInitializer, movingVarianceInitializer, betaRegularizer, gammaRegularizer, trainable,
)

/**
 * Turns integer ids in [0, [inputDim]) into vectors of [outputDim] values, Keras's `Embedding`:
 * `(time)` ids give `(time, outputDim)`.
 */
fun embedding(
    inputDim: Int,
    outputDim: Int,
    name: String? = null,
    embeddingsInitializer: Initializer = randomUniform(),
    embeddingsRegularizer: Regularizer? = null,
    trainable: Boolean = true,
): Embedding = Embedding(nameOr(name, "embedding"), inputDim, outputDim, embeddingsInitializer, embeddingsRegularizer, trainable)

/** Applies [layer] to every time step of a `(time, ...)` input with one set of weights, Keras's `TimeDistributed`. */
fun timeDistributed(layer: Layer, name: String? = null): TimeDistributed =
    TimeDistributed(nameOr(name, "time_distributed"), layer)

/**
 * Applies a built single-input, single-output model to every time step of a `(time, ...)` input,
 * sharing the model's weights: `timeDistributed(encoder)(frames)`.
 */
fun timeDistributed(model: Model, name: String? = null): TimeDistributedModel =
    TimeDistributedModel(nameOr(name, "time_distributed"), model)

/** A built model to apply to every time step of a sequence; made by [timeDistributed]. */
class TimeDistributedModel internal constructor(
    /** The layer's name in the model it is applied in. */
    val name: String,
    /** The model applied at each step. */
    val model: Model,
) {
    /** Applies the model to every step of [input], a tensor of the model being declared. */
    operator fun invoke(input: SymbolicTensor): SymbolicTensor =
        SymbolicTensor(input.declaration.applyTimeDistributed(name, model, input.ref), input.declaration)
}
