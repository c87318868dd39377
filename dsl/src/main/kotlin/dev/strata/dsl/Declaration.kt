package dev.strata.dsl

import dev.strata.graph.GraphException
import dev.strata.layers.Layer
import dev.strata.model.Model
import dev.strata.model.ModelBuilder
import dev.strata.model.TensorRef

/**
 * A model being declared: the runtime's [ModelBuilder] plus what the DSL checks on top of it.
 *
 * The runtime treats two layer records with equal configuration and name as one layer (that is how
 * a nested model's layer is recognised); in the DSL two *separately made* layers with one name are
 * a mistake, as in Keras, so they are rejected here. Applying the same layer value again shares it.
 */
internal class Declaration(name: String) {
    val builder: ModelBuilder = ModelBuilder().name(name)
    private val byName = HashMap<String, Claim>()

    fun input(name: String, shape: IntArray): TensorRef {
        claim(name, name)
        return builder.input(name, *shape)
    }

    fun apply(layer: Layer, inputs: Array<out TensorRef>): TensorRef {
        claim(layer.name(), layer)
        return builder.apply(layer, *inputs)
    }

    fun apply(model: Model, inputs: Array<out TensorRef>): TensorRef {
        // The nested model's layers keep their names (and weights) inside this model too.
        for (inner in model.asLayer().innerLayers()) claim(inner.name(), model, inner)
        claim(model.name(), model)
        return builder.apply(model, *inputs)
    }

    fun applyTimeDistributed(name: String, model: Model, input: TensorRef): TensorRef {
        for (inner in model.asLayer().innerLayers()) claim(inner.name(), model, inner)
        claim(name, model)
        return builder.applyTimeDistributed(name, model, input)
    }

    private fun claim(name: String, owner: Any, what: Any = owner) {
        val previous = byName.putIfAbsent(name, Claim(owner, what))
        if (previous != null && previous.owner !== owner) {
            throw GraphException(
                "duplicate layer name '$name': ${describe(owner, what)} and ${describe(previous.owner, previous.what)} share it; " +
                    "names must be unique in a model (apply the same layer value again to share weights)",
            )
        }
    }

    private class Claim(val owner: Any, val what: Any)

    private fun describe(owner: Any, what: Any): String = when {
        owner is Model && what is Layer -> "layer '${what.name()}' of nested model '${owner.name()}'"
        owner is Model -> "nested model '${owner.name()}'"
        owner is Layer -> "a ${owner.typeName()} layer"
        else -> "an input"
    }
}
