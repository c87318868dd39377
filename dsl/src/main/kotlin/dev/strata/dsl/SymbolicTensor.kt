package dev.strata.dsl

import dev.strata.layers.LayerException
import dev.strata.model.TensorRef

/**
 * A typed handle on a tensor while a functional model is declared: a model input or the output of
 * a layer applied to other handles. It holds no values; its [shape] is known at once, so a layer
 * applied to a tensor of the wrong shape fails right there, naming the layer and both shapes.
 *
 * A handle belongs to the model being declared; using it in another model fails.
 */
class SymbolicTensor internal constructor(
    /** The runtime's reference to the tensor. */
    val ref: TensorRef,
    internal val declaration: Declaration,
) {
    /** The shape, batch axis excluded (Keras's `shape[1:]`). */
    val shape: IntArray get() = ref.shape()

    /** The name of the input or layer that produced this tensor. */
    val producer: String get() = ref.producer()

    /** E.g. `SymbolicTensor(hidden_1, (None, 10))`. */
    override fun toString(): String = "SymbolicTensor($producer, ${LayerException.show(ref.shape())})"
}
