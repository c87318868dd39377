package dev.strata.dsl

import dev.strata.losses.Loss
import dev.strata.metrics.Metric
import dev.strata.ops.Expr

/** What `compile` accepts as a loss: a built-in ([mse], [binaryCrossentropy], …), a [customLoss], or any runtime [Loss] via [loss]. */
sealed interface LossSpec {
    /** The runtime loss. */
    val loss: Loss
}

/** A loss. */
class LossFunction internal constructor(override val loss: Loss) : LossSpec {
    /** The loss's name, e.g. `binary_crossentropy`. */
    override fun toString(): String = loss.name()
}

/**
 * An error measure that is both a loss and a metric, like Keras's `"mse"`: `loss = mse` and
 * `metrics = listOf(mse)` both work.
 */
class ErrorFunction internal constructor(override val loss: Loss, internal val metric: Metric) : LossSpec, MetricSpec {
    /** The name, e.g. `mse`. */
    override fun toString(): String = loss.name()
}

/** Mean squared error, as a loss or a metric. */
val mse: ErrorFunction = ErrorFunction(Loss.MeanSquaredError(), Metric.named("mse"))

/** Mean absolute error, as a loss or a metric. */
val mae: ErrorFunction = ErrorFunction(Loss.MeanAbsoluteError(), Metric.named("mae"))

/** Binary cross-entropy from probabilities (a sigmoid output). */
val binaryCrossentropy: LossFunction = LossFunction(Loss.BinaryCrossEntropy(false))

/** Binary cross-entropy; with [fromLogits] it takes raw scores and is computed stably. */
fun binaryCrossentropy(fromLogits: Boolean): LossFunction = LossFunction(Loss.BinaryCrossEntropy(fromLogits))

/** Categorical cross-entropy for one-hot targets, from probabilities (a softmax output). */
val categoricalCrossentropy: LossFunction = LossFunction(Loss.CategoricalCrossEntropy(false))

/** Categorical cross-entropy for one-hot targets; with [fromLogits] it takes raw scores. */
fun categoricalCrossentropy(fromLogits: Boolean): LossFunction = LossFunction(Loss.CategoricalCrossEntropy(fromLogits))

/** Categorical cross-entropy for integer class labels, from probabilities. */
val sparseCategoricalCrossentropy: LossFunction = LossFunction(Loss.SparseCategoricalCrossEntropy(false))

/** Categorical cross-entropy for integer class labels; with [fromLogits] it takes raw scores. */
fun sparseCategoricalCrossentropy(fromLogits: Boolean): LossFunction =
    LossFunction(Loss.SparseCategoricalCrossEntropy(fromLogits))

/** Huber loss with Keras's δ = 1. */
val huber: LossFunction = LossFunction(Loss.Huber(1.0))

/** Huber loss: quadratic within [delta] of the target, linear beyond. */
fun huber(delta: Double): LossFunction = LossFunction(Loss.Huber(delta))

/** Σ ½(target − output)² over the output units, averaged over the batch: the classic backpropagation error. */
val halfSumSquares: LossFunction = LossFunction(Loss.HalfSumSquares())

/**
 * A loss written as an expression of targets and predictions; a non-scalar result is averaged.
 *
 * ```
 * val rmseLoss = customLoss("rmse") { yTrue, yPred -> (yTrue - yPred).square().mean().sqrt() }
 * ```
 */
fun customLoss(name: String, fn: (yTrue: Expr, yPred: Expr) -> Expr): LossFunction =
    LossFunction(Loss.Custom(name) { t, p -> fn(t, p) })

/** A built-in loss by its Keras name ("mse", "binary_crossentropy", …). */
fun loss(name: String): LossFunction = LossFunction(Loss.named(name))

/** Any runtime loss, for `compile`. */
fun loss(loss: Loss): LossFunction = LossFunction(loss)
