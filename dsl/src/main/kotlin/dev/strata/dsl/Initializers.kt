package dev.strata.dsl

import dev.strata.init.Initializer
import dev.strata.init.Regularizer

/** Glorot (Xavier) uniform: Keras's default for kernels. */
fun glorotUniform(): Initializer = Initializer.GlorotUniform()

/** Glorot normal, truncated at two standard deviations. */
fun glorotNormal(): Initializer = Initializer.GlorotNormal()

/** He uniform: for relu layers. */
fun heUniform(): Initializer = Initializer.HeUniform()

/** He normal, truncated at two standard deviations: for relu layers. */
fun heNormal(): Initializer = Initializer.HeNormal()

/**
 * A (semi-)orthogonal matrix times [gain], Keras's `Orthogonal`: Keras's (and Strata's) default for the
 * recurrent kernels of `simpleRnn`, `lstm` and `gru`.
 */
fun orthogonal(gain: Double = 1.0): Initializer = Initializer.Orthogonal(gain)

/** Uniform on [[min], [max]), Keras's `RandomUniform` (defaults ±0.05). */
fun randomUniform(min: Double = -0.05, max: Double = 0.05): Initializer = Initializer.RandomUniform(min, max)

/** All zeros: Keras's default for biases. */
fun zeros(): Initializer = Initializer.zeros()

/** All ones. */
fun ones(): Initializer = Initializer.ones()

/** Every value equal to [value]. */
fun constant(value: Double): Initializer = Initializer.Constant(value)

/**
 * Exactly these values, row-major (a kernel of shape [in, out] row by row); the count must match
 * the weight's shape when the layer is built. For hand-checked examples such as backpropagation by hand.
 */
fun values(vararg values: Double): Initializer = Initializer.Values(values)

/** An L1 penalty [l1]·Σ|w| added to the training loss. */
fun l1(l1: Double): Regularizer = Regularizer.l1(l1)

/** An L2 penalty [l2]·Σw² added to the training loss. */
fun l2(l2: Double): Regularizer = Regularizer.l2(l2)

/** Both penalties, [l1]·Σ|w| + [l2]·Σw² (Keras's `l1_l2`, defaults 0.01 each). */
fun l1l2(l1: Double = 0.01, l2: Double = 0.01): Regularizer = Regularizer(l1, l2)
