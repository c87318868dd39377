package dev.strata.dsl

import dev.strata.metrics.Metric
import dev.strata.ops.Expr

/**
 * What `compile` accepts as a metric: a built-in ([accuracy], [rmse], [auc], …, also [mse] and
 * [mae]), a [customMetric], or any runtime [Metric] via [metric]. Metrics are computed over the
 * whole epoch or evaluation set, not averaged over batches.
 */
sealed interface MetricSpec

/** A metric. */
class MetricFunction internal constructor(
    /** The runtime metric. */
    val metric: Metric,
) : MetricSpec {
    /** The metric's key in History, e.g. `rmse`. */
    override fun toString(): String = metric.name()
}

/** Keras's "accuracy": binary, categorical or sparse categorical, chosen from the output's loss. */
internal object KerasAccuracy : MetricSpec {
    override fun toString(): String = "accuracy"
}

/** Keras's `"accuracy"`: binary, categorical or sparse categorical accuracy depending on the loss; reported as `accuracy`. */
val accuracy: MetricSpec = KerasAccuracy

/** Fraction of predictions on the right side of 0.5. */
val binaryAccuracy: MetricFunction = builtin(Metric.Kind.BINARY_ACCURACY)

/** Fraction of rows whose largest prediction is the one-hot target's class. */
val categoricalAccuracy: MetricFunction = builtin(Metric.Kind.CATEGORICAL_ACCURACY)

/** Fraction of rows whose largest prediction is the integer label. */
val sparseCategoricalAccuracy: MetricFunction = builtin(Metric.Kind.SPARSE_CATEGORICAL_ACCURACY)

/** Root mean squared error. */
val rmse: MetricFunction = builtin(Metric.Kind.RMSE)

/** Coefficient of determination R². */
val r2: MetricFunction = builtin(Metric.Kind.R2)

/** Area under the ROC curve (binary targets). */
val auc: MetricFunction = builtin(Metric.Kind.AUC)

/** Brier score: mean squared error of predicted probabilities. */
val brier: MetricFunction = builtin(Metric.Kind.BRIER)

/** Precision at threshold 0.5. */
val precision: MetricFunction = builtin(Metric.Kind.PRECISION)

/** Recall at threshold 0.5. */
val recall: MetricFunction = builtin(Metric.Kind.RECALL)

/** F1 score at threshold 0.5. */
val f1: MetricFunction = builtin(Metric.Kind.F1)

/**
 * A metric written as an expression of targets and predictions, reported under [name]; a
 * non-scalar result is averaged: `customMetric("mean_pred") { _, yPred -> yPred.mean() }`.
 */
fun customMetric(name: String, fn: (yTrue: Expr, yPred: Expr) -> Expr): MetricFunction =
    MetricFunction(Metric.Custom(name) { t, p -> fn(t, p) })

/** A built-in metric by name ("rmse", "auc", …; "accuracy" resolves from the loss as in Keras). */
fun metric(name: String): MetricSpec =
    if (name.equals("accuracy", ignoreCase = true) || name.equals("acc", ignoreCase = true)) KerasAccuracy
    else MetricFunction(Metric.named(name))

/** Any runtime metric, for `compile`. */
fun metric(metric: Metric): MetricFunction = MetricFunction(metric)

private fun builtin(kind: Metric.Kind) = MetricFunction(Metric.Builtin(kind))
