package dev.strata.dsl

import dev.strata.optimizers.Optimizer

/**
 * Stochastic gradient descent, Keras's `SGD`: `sgd(lr = 0.01, momentum = 0.9, nesterov = true, decay = 1e-6)`.
 *
 * @param lr the learning rate.
 * @param momentum 0 for plain gradient descent.
 * @param nesterov Nesterov momentum instead of classic momentum.
 * @param decay Keras's legacy time decay: the rate at step t is lr / (1 + decay·t).
 */
fun sgd(lr: Double = 0.01, momentum: Double = 0.0, nesterov: Boolean = false, decay: Double = 0.0): Optimizer {
    require(momentum in 0.0..1.0) { "sgd: momentum must be in [0, 1], got $momentum" }
    require(!nesterov || momentum > 0) { "sgd: Nesterov momentum needs momentum > 0" }
    return Optimizer.SGD(positive("sgd", lr), momentum, nesterov, decay)
}

/** Adam with Keras's defaults (lr 0.001, β1 0.9, β2 0.999, ε 1e-7). */
fun adam(lr: Double = 0.001, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-7): Optimizer =
    Optimizer.Adam(positive("adam", lr), beta1, beta2, epsilon)

/** RMSprop with Keras's defaults (lr 0.001, ρ 0.9, ε 1e-7). */
fun rmsprop(lr: Double = 0.001, rho: Double = 0.9, epsilon: Double = 1e-7): Optimizer =
    Optimizer.RMSprop(positive("rmsprop", lr), rho, epsilon)

/** Adagrad with Keras's defaults (lr 0.001, ε 1e-7). */
fun adagrad(lr: Double = 0.001, epsilon: Double = 1e-7): Optimizer =
    Optimizer.Adagrad(positive("adagrad", lr), epsilon)

private fun positive(who: String, lr: Double): Double {
    require(lr >= 0 && lr.isFinite()) { "$who: the learning rate must be finite and >= 0, got $lr" }
    return lr
}
