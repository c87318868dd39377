package dev.strata.dsl

import dev.strata.activations.Activation
import dev.strata.init.Initializer
import dev.strata.init.Regularizer
import dev.strata.layers.Layer
import dev.strata.layers.LayerException
import dev.strata.model.Model
import dev.strata.model.TensorRef
import dev.strata.ops.DType
import dev.strata.ops.Padding

/**
 * Declares a linear stack of layers, Keras's `Sequential`:
 *
 * ```
 * val net = sequential(inputShape = intArrayOf(4), seed = 1) {
 *     dense(10, activation = tanh)
 *     dropout(0.2)
 *     dense(1, activation = sigmoid)
 * }
 * ```
 *
 * The input shape (batch axis excluded) comes from [inputShape], from `input(...)` in the block, or
 * Keras-style from the first layer (`dense(10, inputDim = 4)`); later shapes are inferred, and a
 * layer that does not fit throws at once, naming it and the shapes. The model's input is named
 * `input` and its output after the last layer.
 *
 * @param name the model's name; `sequential`, `sequential_1`, … by default.
 * @param seed fixes the initial weights, the shuffling and the dropout masks.
 * @param dtype the precision of weights and computation.
 */
fun sequential(
    inputShape: IntArray? = null,
    name: String? = null,
    seed: Long = 0,
    dtype: DType = DType.FLOAT32,
    block: SequentialScope.() -> Unit,
): Model {
    val scope = SequentialScope(nameOr(name, "sequential"), inputShape)
    scope.block()
    return scope.build(seed, dtype)
}

/** A sequential model from a list of layers (values made by [dense], [dropout], …, or runtime layers). */
fun sequential(
    layers: List<Layer>,
    inputShape: IntArray,
    name: String? = null,
    seed: Long = 0,
    dtype: DType = DType.FLOAT32,
): Model = sequential(inputShape, name, seed, dtype) { layers.forEach { add(it) } }

/** The body of [sequential]: each layer function appends its layer to the stack. */
@StrataDsl
class SequentialScope internal constructor(
    /** The model's name. */
    val name: String,
    inputShape: IntArray?,
) {
    private val declaration = Declaration(name)
    private var head: TensorRef? = inputShape?.let { declaration.input(INPUT, it) }
    private var last: String? = null

    /** The output shape of the stack so far (batch axis excluded), or null before the input shape is known. */
    val outputShape: IntArray? get() = head?.shape()

    /** Sets the input shape (batch axis excluded), before the first layer: Keras's `Input(shape)`. */
    fun input(vararg shape: Int) {
        check(head == null) {
            "sequential model '$name': the input shape is already ${LayerException.show(head!!.shape())}; set it once, before the first layer"
        }
        head = declaration.input(INPUT, shape)
    }

    /**
     * Appends a layer value (from [dev.strata.dsl.dense] etc., or a runtime [Layer]); [inputShape]
     * may be given on the first layer only.
     */
    fun add(layer: Layer, inputShape: IntArray? = null) {
        val from = start(layer.name(), inputShape)
        head = declaration.apply(layer, arrayOf(from))
        last = layer.name()
    }

    /** Appends a built single-input, single-output model as a layer; its weights are shared, not copied. */
    fun add(model: Model) {
        val from = start(model.name(), null)
        head = declaration.apply(model, arrayOf(from))
        last = model.name()
    }

    /**
     * Appends a fully connected layer; see [dev.strata.dsl.dense] for the parameters. On the first
     * layer, [inputDim] (`inputDim = 4`) or [inputShape] may give the input shape, Keras-style.
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
        inputDim: Int? = null,
        inputShape: IntArray? = null,
    ) {
        require(inputDim == null || inputShape == null) { "give the first layer inputDim or inputShape, not both" }
        val layer = dev.strata.dsl.dense(
            units, activation, name, useBias, kernelInitializer, biasInitializer,
            kernelRegularizer, biasRegularizer, trainable,
        )
        add(layer, inputShape ?: inputDim?.let { intArrayOf(it) })
    }

    /** Appends an activation layer, e.g. `activation(relu)`; [inputShape] on the first layer only. */
    fun activation(function: Activation, name: String? = null, inputShape: IntArray? = null) {
        add(dev.strata.dsl.activation(function, name), inputShape)
    }

    /** Appends a dropout layer dropping a fraction [rate] of its inputs in training. */
    fun dropout(rate: Double, name: String? = null) {
        add(dev.strata.dsl.dropout(rate, name))
    }

    /** Appends a layer flattening every axis but the batch axis; [inputShape] on the first layer only. */
    fun flatten(name: String? = null, inputShape: IntArray? = null) {
        add(dev.strata.dsl.flatten(name), inputShape)
    }

    /** Appends a layer reshaping each sample to [targetShape]. */
    fun reshape(vararg targetShape: Int, name: String? = null) {
        add(dev.strata.dsl.reshape(*targetShape, name = name))
    }

    /** Appends a 2-D convolution; see [dev.strata.dsl.conv2d]. [inputShape] on the first layer only. */
    fun conv2d(
        filters: Int,
        kernelSize: Int,
        activation: Activation = linear,
        name: String? = null,
        strides: Int = 1,
        padding: Padding = Padding.VALID,
        dilationRate: Int = 1,
        useBias: Boolean = true,
        kernelInitializer: Initializer = glorotUniform(),
        biasInitializer: Initializer = zeros(),
        kernelRegularizer: Regularizer? = null,
        biasRegularizer: Regularizer? = null,
        trainable: Boolean = true,
        inputShape: IntArray? = null,
    ) {
        add(
            dev.strata.dsl.conv2d(
                filters, kernelSize, activation, name, strides, padding, dilationRate, useBias, kernelInitializer,
                biasInitializer, kernelRegularizer, biasRegularizer, trainable,
            ),
            inputShape,
        )
    }

    /** Appends a 1-D convolution; see [dev.strata.dsl.conv1d]. [inputShape] on the first layer only. */
    fun conv1d(
        filters: Int,
        kernelSize: Int,
        activation: Activation = linear,
        name: String? = null,
        strides: Int = 1,
        padding: Padding = Padding.VALID,
        dilationRate: Int = 1,
        useBias: Boolean = true,
        kernelInitializer: Initializer = glorotUniform(),
        biasInitializer: Initializer = zeros(),
        kernelRegularizer: Regularizer? = null,
        biasRegularizer: Regularizer? = null,
        trainable: Boolean = true,
        inputShape: IntArray? = null,
    ) {
        add(
            dev.strata.dsl.conv1d(
                filters, kernelSize, activation, name, strides, padding, dilationRate, useBias, kernelInitializer,
                biasInitializer, kernelRegularizer, biasRegularizer, trainable,
            ),
            inputShape,
        )
    }

    /** Appends 2-D max pooling; see [dev.strata.dsl.maxPool2d]. */
    fun maxPool2d(poolSize: Int = 2, strides: Int? = null, padding: Padding = Padding.VALID, name: String? = null) {
        add(dev.strata.dsl.maxPool2d(poolSize, strides, padding, name))
    }

    /** Appends 2-D average pooling; see [dev.strata.dsl.avgPool2d]. */
    fun avgPool2d(poolSize: Int = 2, strides: Int? = null, padding: Padding = Padding.VALID, name: String? = null) {
        add(dev.strata.dsl.avgPool2d(poolSize, strides, padding, name))
    }

    /** Appends 1-D max pooling; see [dev.strata.dsl.maxPool1d]. */
    fun maxPool1d(poolSize: Int = 2, strides: Int? = null, padding: Padding = Padding.VALID, name: String? = null) {
        add(dev.strata.dsl.maxPool1d(poolSize, strides, padding, name))
    }

    /** Appends 1-D average pooling; see [dev.strata.dsl.avgPool1d]. */
    fun avgPool1d(poolSize: Int = 2, strides: Int? = null, padding: Padding = Padding.VALID, name: String? = null) {
        add(dev.strata.dsl.avgPool1d(poolSize, strides, padding, name))
    }

    /** Appends global average pooling over height and width. */
    fun globalAvgPool2d(name: String? = null) {
        add(dev.strata.dsl.globalAvgPool2d(name))
    }

    /** Appends global average pooling over the steps. */
    fun globalAvgPool1d(name: String? = null) {
        add(dev.strata.dsl.globalAvgPool1d(name))
    }

    /** Appends batch normalization; see [dev.strata.dsl.batchNormalization]. */
    fun batchNormalization(
        momentum: Double = 0.99,
        epsilon: Double = 1e-3,
        center: Boolean = true,
        scale: Boolean = true,
        name: String? = null,
        trainable: Boolean = true,
    ) {
        add(dev.strata.dsl.batchNormalization(momentum, epsilon, center, scale, name, trainable = trainable))
    }

    /** Appends an embedding of integer ids; see [dev.strata.dsl.embedding]. [inputLength] (the steps) gives the input shape on the first layer. */
    fun embedding(
        inputDim: Int,
        outputDim: Int,
        name: String? = null,
        embeddingsInitializer: Initializer = randomUniform(),
        embeddingsRegularizer: Regularizer? = null,
        trainable: Boolean = true,
        inputLength: Int? = null,
    ) {
        add(
            dev.strata.dsl.embedding(inputDim, outputDim, name, embeddingsInitializer, embeddingsRegularizer, trainable),
            inputLength?.let { intArrayOf(it) },
        )
    }

    /** Appends a simple recurrent layer; see [dev.strata.dsl.simpleRnn]. [inputShape] `(time, features)` on the first layer only. */
    fun simpleRnn(
        units: Int,
        activation: Activation = tanh,
        name: String? = null,
        returnSequences: Boolean = false,
        useBias: Boolean = true,
        trainable: Boolean = true,
        inputShape: IntArray? = null,
    ) {
        add(dev.strata.dsl.simpleRnn(units, activation, name, returnSequences, useBias = useBias, trainable = trainable), inputShape)
    }

    /** Appends an LSTM; see [dev.strata.dsl.lstm]. [inputShape] `(time, features)` on the first layer only. */
    fun lstm(
        units: Int,
        activation: Activation = tanh,
        recurrentActivation: Activation = sigmoid,
        name: String? = null,
        returnSequences: Boolean = false,
        useBias: Boolean = true,
        unitForgetBias: Boolean = true,
        kernelRegularizer: Regularizer? = null,
        recurrentRegularizer: Regularizer? = null,
        trainable: Boolean = true,
        inputShape: IntArray? = null,
    ) {
        add(
            dev.strata.dsl.lstm(
                units, activation, recurrentActivation, name, returnSequences, useBias = useBias, unitForgetBias = unitForgetBias,
                kernelRegularizer = kernelRegularizer, recurrentRegularizer = recurrentRegularizer, trainable = trainable,
            ),
            inputShape,
        )
    }

    /** Appends a GRU; see [dev.strata.dsl.gru]. [inputShape] `(time, features)` on the first layer only. */
    fun gru(
        units: Int,
        activation: Activation = tanh,
        recurrentActivation: Activation = sigmoid,
        name: String? = null,
        returnSequences: Boolean = false,
        useBias: Boolean = true,
        resetAfter: Boolean = true,
        kernelRegularizer: Regularizer? = null,
        recurrentRegularizer: Regularizer? = null,
        trainable: Boolean = true,
        inputShape: IntArray? = null,
    ) {
        add(
            dev.strata.dsl.gru(
                units, activation, recurrentActivation, name, returnSequences, useBias = useBias, resetAfter = resetAfter,
                kernelRegularizer = kernelRegularizer, recurrentRegularizer = recurrentRegularizer, trainable = trainable,
            ),
            inputShape,
        )
    }

    /**
     * Appends a recurrent layer run both ways, e.g. `bidirectional(cell)` with `val cell = lstm(16)`
     * made outside the block (inside it, `lstm(...)` appends an LSTM instead).
     */
    fun bidirectional(layer: Layer, mergeMode: String = "concat", name: String? = null, inputShape: IntArray? = null) {
        add(dev.strata.dsl.bidirectional(layer, mergeMode, name), inputShape)
    }

    /** Appends [layer] applied to every time step, e.g. with a layer value made outside the block. */
    fun timeDistributed(layer: Layer, name: String? = null, inputShape: IntArray? = null) {
        add(dev.strata.dsl.timeDistributed(layer, name), inputShape)
    }

    /** Appends a built model applied to every time step, sharing its weights. */
    fun timeDistributed(model: Model, name: String? = null, inputShape: IntArray? = null) {
        val layerName = nameOr(name, "time_distributed")
        val from = start(layerName, inputShape)
        head = declaration.applyTimeDistributed(layerName, model, from)
        last = layerName
    }

    /** Not callable: a layer function inside `sequential { }` appends its layer and returns nothing to wrap. */
    @Deprecated(
        "inside sequential { }, lstm(...), dense(...) etc. append their layer: make the wrapped layer outside the block " +
            "(val cell = lstm(16)) or with its full name (dev.strata.dsl.lstm(16)).",
        level = DeprecationLevel.ERROR,
    )
    fun bidirectional(alreadyAdded: Unit): Nothing = throw UnsupportedOperationException("nothing to wrap")

    /** Not callable: a layer function inside `sequential { }` appends its layer and returns nothing to wrap. */
    @Deprecated(
        "inside sequential { }, dense(...) etc. append their layer: make the wrapped layer outside the block " +
            "(val step = dense(8)) or with its full name (dev.strata.dsl.dense(8)).",
        level = DeprecationLevel.ERROR,
    )
    fun timeDistributed(alreadyAdded: Unit): Nothing = throw UnsupportedOperationException("nothing to wrap")

    /**
     * Not callable: inside `sequential { }`, `dense(...)`, `dropout(...)` and the other layer
     * functions already append their layer, so Keras's `add(Dense(...))` would add nothing more.
     */
    @Deprecated(
        "dense(...), dropout(...) etc. inside sequential { } already add their layer: drop add(...). " +
            "add(layer) takes a layer value made outside the block.",
        level = DeprecationLevel.ERROR,
    )
    fun add(alreadyAdded: Unit): Nothing = throw UnsupportedOperationException("layer functions add their layer already")

    private fun start(layer: String, inputShape: IntArray?): TensorRef {
        if (inputShape != null) {
            val current = head
            when {
                current == null -> head = declaration.input(INPUT, inputShape)
                last != null -> throw IllegalArgumentException(
                    "layer '$layer': only the first layer of sequential model '$name' takes an input shape",
                )
                !current.shape().contentEquals(inputShape) -> throw IllegalArgumentException(
                    "layer '$layer': input shape ${LayerException.show(inputShape)} differs from the model's " +
                        LayerException.show(current.shape()),
                )
            }
        }
        return head ?: throw IllegalStateException(
            "sequential model '$name': the first layer '$layer' needs the input shape; pass inputShape = intArrayOf(...) " +
                "to sequential, call input(...) first, or give the first layer inputDim/inputShape",
        )
    }

    internal fun build(seed: Long, dtype: DType): Model {
        val out = last ?: throw IllegalStateException("sequential model '$name' has no layers")
        declaration.builder.output(out, head)
        return declaration.builder.build(seed, dtype)
    }

    private companion object {
        const val INPUT = "input"
    }
}
