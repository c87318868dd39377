package dev.strata.dsl

import dev.strata.activations.Activation
import dev.strata.init.Initializer
import dev.strata.init.Regularizer
import dev.strata.layers.Bidirectional
import dev.strata.layers.GRU
import dev.strata.layers.LSTM
import dev.strata.layers.Layer
import dev.strata.layers.MultiOutput
import dev.strata.layers.SimpleRNN

// Recurrent layer values over `(time, features)` inputs, with Keras's defaults. With
// `returnState = true` apply them with `callWithStates` to get the output and the final states.

/**
 * A fully connected recurrent layer, Keras's `SimpleRNN`.
 *
 * @param returnSequences return every step's output `(time, units)` instead of the last `(units)`.
 * @param returnState also return the final state; apply with [callWithStates].
 */
fun simpleRnn(
    units: Int,
    activation: Activation = tanh,
    name: String? = null,
    returnSequences: Boolean = false,
    returnState: Boolean = false,
    useBias: Boolean = true,
    kernelInitializer: Initializer = glorotUniform(),
    recurrentInitializer: Initializer = orthogonal(),
    biasInitializer: Initializer = zeros(),
    kernelRegularizer: Regularizer? = null,
    recurrentRegularizer: Regularizer? = null,
    biasRegularizer: Regularizer? = null,
    trainable: Boolean = true,
): SimpleRNN = SimpleRNN(
    nameOr(name, "simple_rnn"), units, activation, useBias, kernelInitializer, recurrentInitializer, biasInitializer,
    kernelRegularizer, recurrentRegularizer, biasRegularizer, returnSequences, returnState, trainable,
)

/**
 * Long short-term memory, Keras's `LSTM`, with Keras's defaults (orthogonal recurrent kernel included).
 *
 * @param unitForgetBias add one to the forget gate's bias at initialization (Keras's default).
 * @param returnSequences return every step's output `(time, units)` instead of the last `(units)`.
 * @param returnState also return the final states h and c; apply with [callWithStates].
 */
fun lstm(
    units: Int,
    activation: Activation = tanh,
    recurrentActivation: Activation = sigmoid,
    name: String? = null,
    returnSequences: Boolean = false,
    returnState: Boolean = false,
    useBias: Boolean = true,
    unitForgetBias: Boolean = true,
    kernelInitializer: Initializer = glorotUniform(),
    recurrentInitializer: Initializer = orthogonal(),
    biasInitializer: Initializer = zeros(),
    kernelRegularizer: Regularizer? = null,
    recurrentRegularizer: Regularizer? = null,
    biasRegularizer: Regularizer? = null,
    trainable: Boolean = true,
): LSTM = LSTM(
    nameOr(name, "lstm"), units, activation, recurrentActivation, useBias, kernelInitializer, recurrentInitializer,
    biasInitializer, unitForgetBias, kernelRegularizer, recurrentRegularizer, biasRegularizer, returnSequences,
    returnState, trainable,
)

/**
 * Gated recurrent unit, Keras's `GRU` (reset gate after the matrix product by default, as Keras 2+).
 *
 * @param returnSequences return every step's output `(time, units)` instead of the last `(units)`.
 * @param returnState also return the final state; apply with [callWithStates].
 */
fun gru(
    units: Int,
    activation: Activation = tanh,
    recurrentActivation: Activation = sigmoid,
    name: String? = null,
    returnSequences: Boolean = false,
    returnState: Boolean = false,
    useBias: Boolean = true,
    resetAfter: Boolean = true,
    kernelInitializer: Initializer = glorotUniform(),
    recurrentInitializer: Initializer = orthogonal(),
    biasInitializer: Initializer = zeros(),
    kernelRegularizer: Regularizer? = null,
    recurrentRegularizer: Regularizer? = null,
    biasRegularizer: Regularizer? = null,
    trainable: Boolean = true,
): GRU = GRU(
    nameOr(name, "gru"), units, activation, recurrentActivation, useBias, kernelInitializer, recurrentInitializer,
    biasInitializer, kernelRegularizer, recurrentRegularizer, biasRegularizer, resetAfter, returnSequences,
    returnState, trainable,
)

/**
 * Runs a recurrent layer forwards and backwards and merges the two, Keras's `Bidirectional`:
 * `bidirectional(lstm(16))`.
 *
 * @param mergeMode "concat" (Keras's default), "sum", "mul", "ave", or "none" (the two directions as two outputs, taken out with the layer's output parts).
 */
fun bidirectional(layer: Layer, mergeMode: String = "concat", name: String? = null): Bidirectional =
    Bidirectional(nameOr(name, "bidirectional"), layer, mergeMode)

/**
 * Applies a layer made with `returnState = true` and returns its output followed by its final
 * states, as Keras returns them: `val (seq, h, c) = lstm(8, returnSequences = true, returnState = true).callWithStates(x)`.
 * A layer without states gives a one-element list.
 */
fun Layer.callWithStates(vararg inputs: SymbolicTensor): List<SymbolicTensor> {
    val packed = this(*inputs)
    val parts = (this as? MultiOutput)?.outputParts(inputs.map { it.shape }) ?: emptyList()
    return if (parts.isEmpty()) listOf(packed) else parts.map { it(packed) }
}
