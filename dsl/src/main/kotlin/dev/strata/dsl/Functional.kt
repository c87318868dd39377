package dev.strata.dsl

import dev.strata.layers.Add
import dev.strata.layers.Average
import dev.strata.layers.Concatenate
import dev.strata.layers.Layer
import dev.strata.layers.Multiply
import dev.strata.model.Model
import dev.strata.ops.DType

/**
 * Declares a functional model, Keras's functional API: named inputs, layers applied to tensors,
 * any DAG of branches and merges, shared layers, nested models, several named outputs.
 *
 * ```
 * val net = model(name = "power_plant", seed = 1) {
 *     val x = input("x", 3)
 *     val h1 = dense(10, activation = relu, name = "hidden_1")(x)
 *     val h2 = dense(10, activation = relu, name = "hidden_2")(h1)
 *     output("pe", dense(1, name = "pe_out")(h2))
 *     val b = dense(10, activation = relu, name = "branch")(h2)
 *     output("v", dense(1, name = "v_out")(b))
 * }
 * ```
 *
 * Every layer application infers its shape immediately, so a shape mismatch throws at the line that
 * made it, with the runtime's message naming the layer and both shapes; an unused input or a missing
 * output throws when the block ends.
 *
 * @param name the model's name (shown by `summary()`, and the layer name when nested); `model`,
 *   `model_1`, … by default.
 * @param seed fixes the initial weights, the shuffling and the dropout masks.
 * @param dtype the precision of weights and computation.
 */
fun model(
    name: String? = null,
    seed: Long = 0,
    dtype: DType = DType.FLOAT32,
    block: ModelScope.() -> Unit,
): Model {
    val scope = ModelScope(nameOr(name, "model"))
    scope.block()
    return scope.declaration.builder.build(seed, dtype)
}

/** The body of [model]: declares inputs, outputs and merges; layers are applied with `layer(tensor)`. */
@StrataDsl
class ModelScope internal constructor(
    /** The model's name. */
    val name: String,
) {
    internal val declaration = Declaration(name)

    /** Declares an input named [name] with the given shape, batch axis excluded: `input("x", 3)`. */
    fun input(name: String, vararg shape: Int): SymbolicTensor =
        SymbolicTensor(declaration.input(LayerNames.claim(name), shape), declaration)

    /** Declares an input named `input`, `input_1`, … with the given shape, batch axis excluded. */
    fun input(vararg shape: Int): SymbolicTensor = input(LayerNames.next("input"), *shape)

    /** Declares [tensor] an output named [name]; training data, losses and History keys use that name. */
    fun output(name: String, tensor: SymbolicTensor) {
        declaration.builder.output(name, tensor.ref)
    }

    /** Declares [tensor] an output named after the layer that produced it, as Keras names outputs. */
    fun output(tensor: SymbolicTensor) {
        output(tensor.producer, tensor)
    }

    /** Concatenates tensors along [axis] (−1: the last axis; 0: the first after the batch axis). */
    fun concatenate(vararg inputs: SymbolicTensor, axis: Int = -1, name: String? = null): SymbolicTensor =
        Concatenate(nameOr(name, "concatenate"), axis)(*inputs)

    /** Adds tensors of one shape element-wise. */
    fun add(vararg inputs: SymbolicTensor, name: String? = null): SymbolicTensor = Add(nameOr(name, "add"))(*inputs)

    /** Multiplies tensors of one shape element-wise. */
    fun multiply(vararg inputs: SymbolicTensor, name: String? = null): SymbolicTensor =
        Multiply(nameOr(name, "multiply"))(*inputs)

    /** Averages tensors of one shape element-wise. */
    fun average(vararg inputs: SymbolicTensor, name: String? = null): SymbolicTensor =
        Average(nameOr(name, "average"))(*inputs)
}

/**
 * Applies this layer to tensors of the model being declared: `dense(10, activation = relu)(x)`.
 * Applying one layer value again (`val shared = dense(8); shared(a); shared(b)`) reuses its
 * weights: one layer, one set of weights.
 *
 * @throws dev.strata.layers.LayerException when the shapes do not fit, naming the layer and the shapes.
 */
operator fun Layer.invoke(vararg inputs: SymbolicTensor): SymbolicTensor {
    val declaration = ownerOf(inputs, "layer '${name()}'")
    return SymbolicTensor(declaration.apply(this, inputs.map { it.ref }.toTypedArray()), declaration)
}

/**
 * Calls a built single-output model on tensors of the model being declared, as a layer: the inner
 * model's weights are reused (shared), not copied, so training either model trains both.
 */
operator fun Model.invoke(vararg inputs: SymbolicTensor): SymbolicTensor {
    val declaration = ownerOf(inputs, "model '${name()}'")
    return SymbolicTensor(declaration.apply(this, inputs.map { it.ref }.toTypedArray()), declaration)
}

private fun ownerOf(inputs: Array<out SymbolicTensor>, what: String): Declaration {
    require(inputs.isNotEmpty()) { "$what must be applied to at least one tensor" }
    // The runtime rejects tensors of another model with the layer's name.
    return inputs[0].declaration
}
