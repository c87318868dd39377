package dev.strata.dsl

import dev.strata.activations.Activation
import dev.strata.init.Initializer
import dev.strata.init.Regularizer
import dev.strata.layers.AvgPool1D
import dev.strata.layers.AvgPool2D
import dev.strata.layers.Conv1D
import dev.strata.layers.Conv2D
import dev.strata.layers.GlobalAveragePooling1D
import dev.strata.layers.GlobalAveragePooling2D
import dev.strata.layers.MaxPool1D
import dev.strata.layers.MaxPool2D
import dev.strata.ops.Padding

// Convolution and pooling layer values, channels-last as in Keras. Square windows here; a
// non-square window is a runtime record (`Conv2D(...)`, `MaxPool2D(...)`) applied the same way.

/**
 * A 2-D convolution over `(height, width, channels)` inputs, Keras's `Conv2D`:
 * `conv2d(32, 3, activation = relu)`.
 *
 * @param filters number of output channels.
 * @param kernelSize the (square) window's side.
 * @param strides step along both axes.
 * @param padding [Padding.VALID] (Keras's default) or [Padding.SAME].
 * @param dilationRate 1 for a plain convolution.
 */
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
): Conv2D = Conv2D(
    nameOr(name, "conv2d"), filters, intArrayOf(kernelSize, kernelSize), intArrayOf(strides, strides), padding,
    intArrayOf(dilationRate, dilationRate), activation, useBias, kernelInitializer, biasInitializer,
    kernelRegularizer, biasRegularizer, trainable,
)

/**
 * A 1-D (temporal) convolution over `(steps, channels)` inputs, Keras's `Conv1D`.
 *
 * @param padding [Padding.VALID], [Padding.SAME] or [Padding.CAUSAL].
 */
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
): Conv1D = Conv1D(
    nameOr(name, "conv1d"), filters, kernelSize, strides, padding, dilationRate, activation, useBias,
    kernelInitializer, biasInitializer, kernelRegularizer, biasRegularizer, trainable,
)

/** Maximum over square windows of `(height, width, channels)` inputs; [strides] default to the pool size. */
fun maxPool2d(poolSize: Int = 2, strides: Int? = null, padding: Padding = Padding.VALID, name: String? = null): MaxPool2D =
    MaxPool2D(nameOr(name, "max_pooling2d"), intArrayOf(poolSize, poolSize), strides?.let { intArrayOf(it, it) }, padding)

/** Average over square windows of `(height, width, channels)` inputs; [strides] default to the pool size. */
fun avgPool2d(poolSize: Int = 2, strides: Int? = null, padding: Padding = Padding.VALID, name: String? = null): AvgPool2D =
    AvgPool2D(nameOr(name, "average_pooling2d"), intArrayOf(poolSize, poolSize), strides?.let { intArrayOf(it, it) }, padding)

/** Maximum over windows of `(steps, channels)` inputs; [strides] default to the pool size. */
fun maxPool1d(poolSize: Int = 2, strides: Int? = null, padding: Padding = Padding.VALID, name: String? = null): MaxPool1D =
    MaxPool1D(nameOr(name, "max_pooling1d"), poolSize, strides ?: 0, padding)

/** Average over windows of `(steps, channels)` inputs; [strides] default to the pool size. */
fun avgPool1d(poolSize: Int = 2, strides: Int? = null, padding: Padding = Padding.VALID, name: String? = null): AvgPool1D =
    AvgPool1D(nameOr(name, "average_pooling1d"), poolSize, strides ?: 0, padding)

/** The mean over every position of `(height, width, channels)` inputs: `(channels)`. */
fun globalAvgPool2d(name: String? = null): GlobalAveragePooling2D =
    GlobalAveragePooling2D(nameOr(name, "global_average_pooling2d"))

/** The mean over every step of `(steps, channels)` inputs: `(channels)`. */
fun globalAvgPool1d(name: String? = null): GlobalAveragePooling1D =
    GlobalAveragePooling1D(nameOr(name, "global_average_pooling1d"))
