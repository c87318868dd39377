package dev.strata.dsl

import dev.strata.activations.Activation

/** The identity: Keras's default when a layer is given no activation. */
val linear: Activation = Activation.LINEAR

/** The logistic function 1 / (1 + e^−x). */
val sigmoid: Activation = Activation.SIGMOID

/** The hyperbolic tangent. */
val tanh: Activation = Activation.TANH

/** The rectifier max(0, x). */
val relu: Activation = Activation.RELU

/** The exponential linear unit with α = 1. */
val elu: Activation = Activation.ELU

/** The scaled exponential linear unit. */
val selu: Activation = Activation.SELU

/** log(1 + e^x). */
val softplus: Activation = Activation.SOFTPLUS

/** Softmax over the last axis. */
val softmax: Activation = Activation.SOFTMAX

/** The Heaviside step (1 where x > 0), for perceptron demos: it has no gradient, so it cannot be trained by gradient descent. */
val binaryStep: Activation = Activation.BINARY_STEP

/** The leaky rectifier with Keras's default slope 0.3 below zero. */
val leakyRelu: Activation = Activation.LEAKY_RELU

/** The leaky rectifier with slope [alpha] below zero, e.g. `leakyRelu(0.2)`. */
fun leakyRelu(alpha: Double): Activation = Activation.leakyRelu(alpha)

/** The exponential linear unit α·(e^x − 1) below zero, with the given [alpha]. */
fun elu(alpha: Double): Activation = Activation.elu(alpha)
