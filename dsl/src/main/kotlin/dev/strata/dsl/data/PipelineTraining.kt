@file:JvmName("PipelineTraining")

package dev.strata.dsl.data

import dev.strata.model.Model
import dev.strata.ops.Tensor
import dev.strata.training.Batch
import dev.strata.training.Callback
import dev.strata.training.FitOptions
import dev.strata.training.History
import kotlin.coroutines.CoroutineContext
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.job
import kotlinx.coroutines.withContext

/**
 * Trains a compiled model on a pipeline of batches, collected once per epoch, validating on
 * [validation] after each epoch. Blocks until training ends; from a coroutine use
 * [fitSuspending], which also stops when the coroutine is cancelled.
 *
 * ```
 * val history = model.fit(train.shuffle(10_000, seed = 1).batch(32, features).prefetch(),
 *                         epochs = 20, validation = test.batch(256, features))
 * ```
 *
 * Batches are matched to the model by name. A model with a single input takes a single-input
 * batch whatever the names, and likewise for a single trained output (so `features(inputs, target)`
 * fits any such model); an input vector is reshaped to the model's input shape when the sizes
 * agree (784 pixels for a 28 × 28 × 1 input). Sample weights in the batches (`sampleWeight("W")` in
 * `features { }`) weigh each row's loss, as `fit(x, y, sampleWeight = w)` does.
 *
 * When training stops early (EarlyStopping, a threshold, an exception) the pipeline's producer is
 * cancelled and its files closed before `fit` returns or throws.
 *
 * Batches are made on the training thread, between steps, up to [queueSize] ahead: handing each batch
 * from another thread cost more than making it (measured: a cached 7,723-row pipeline trained 1.14–1.38×
 * slower than arrays that way, 1.00–1.04× this way). Put [prefetch] in the pipeline to read, parse and
 * batch on a background thread while the model trains.
 *
 * @param queueSize batches made ahead of training, per pipeline (Keras's `max_queue_size`)
 * @param classWeight a loss weight per class index, from each row's target (Keras's `class_weight`)
 */
@JvmOverloads
fun Model.fit(
    train: Flow<Batch>,
    epochs: Int = 1,
    validation: Flow<Batch>? = null,
    callbacks: List<Callback> = emptyList(),
    verbose: Int = 1,
    initialEpoch: Int = 0,
    queueSize: Int = 2,
    classWeight: Map<Int, Double> = emptyMap(),
): History {
    return trainer().fit(
        train.sourceFor(this, queueSize, Dispatchers.Unconfined),
        validation?.sourceFor(this, queueSize, Dispatchers.Unconfined),
        fitOptions(epochs, callbacks, verbose, initialEpoch, classWeight),
    )
}

/**
 * [fit] for coroutines: the loop runs on [Dispatchers.IO] (it blocks a thread while it trains)
 * and cancelling the calling coroutine cancels the pipelines, which ends training at the next
 * batch with a [kotlinx.coroutines.CancellationException].
 */
suspend fun Model.fitSuspending(
    train: Flow<Batch>,
    epochs: Int = 1,
    validation: Flow<Batch>? = null,
    callbacks: List<Callback> = emptyList(),
    verbose: Int = 1,
    initialEpoch: Int = 0,
    queueSize: Int = 2,
    classWeight: Map<Int, Double> = emptyMap(),
): History = coroutineScope {
    // The producers are children of this scope: cancelling the caller cancels them, and the loop
    // learns it from the channel it is waiting on.
    val producers = Dispatchers.IO + coroutineContext.job
    val trainSource = train.sourceFor(this@fitSuspending, queueSize, producers)
    val validationSource = validation?.sourceFor(this@fitSuspending, queueSize, producers)
    withContext(Dispatchers.IO) { trainer().fit(trainSource, validationSource, fitOptions(epochs, callbacks, verbose, initialEpoch, classWeight)) }
}

/** Losses and metrics of a compiled model over a pipeline of batches (collected once). */
fun Model.evaluate(data: Flow<Batch>, queueSize: Int = 2): Map<String, Double> =
    trainer().evaluate(data.sourceFor(this, queueSize, Dispatchers.Unconfined))

/** [evaluate] for coroutines; cancelling the caller stops it. */
suspend fun Model.evaluateSuspending(data: Flow<Batch>, queueSize: Int = 2): Map<String, Double> = coroutineScope {
    val source = data.sourceFor(this@evaluateSuspending, queueSize, Dispatchers.IO + coroutineContext.job)
    withContext(Dispatchers.IO) { trainer().evaluate(source) }
}

private fun fitOptions(epochs: Int, callbacks: List<Callback>, verbose: Int, initialEpoch: Int, classWeight: Map<Int, Double>): FitOptions =
    FitOptions.builder().epochs(epochs).callbacks(callbacks).verbose(verbose).initialEpoch(initialEpoch).classWeight(classWeight).build()

/** This pipeline, conformed to [model], as a batch source whose producer runs in [context]. */
private fun Flow<Batch>.sourceFor(model: Model, queueSize: Int, context: CoroutineContext) =
    FlowBatchSource(conformedTo(model), queueSize, context)

/** Renames and reshapes every batch to what the model expects; see [fit]. */
internal fun Flow<Batch>.conformedTo(model: Model): Flow<Batch> {
    val inputs = model.inputNames()
    val outputs = model.trainer().losses().keys.toList()
    val shapes = inputs.associateWith { model.graph().inputShape(it) }
    return map { batch ->
        val x = matchNames(batch.inputs(), inputs, "input").mapValues { (name, t) -> reshaped(t, shapes.getValue(name), name) }
        val (weights, targets) = batch.targets().entries.partition { Batch.isSampleWeight(it.key) }
        Batch(x, matchNames(targets.associate { it.toPair() }, outputs, "target") + weights.associate { it.toPair() })
    }
}

/** The tensors under the model's names: as they are, or one tensor renamed to the model's one name. */
private fun matchNames(tensors: Map<String, Tensor>, names: List<String>, what: String): Map<String, Tensor> {
    if (tensors.keys.containsAll(names)) return tensors
    if (tensors.size == 1 && names.size == 1) return mapOf(names[0] to tensors.values.first())
    throw IllegalArgumentException(
        "the batches' ${what}s ${tensors.keys} do not match the model's $names; name them after the model's ${what}s in features { }",
    )
}

/** A `rows × features` tensor in the model's input shape, when that is not flat but holds as many values. */
private fun reshaped(t: Tensor, inputShape: IntArray, name: String): Tensor {
    val shape = t.shape()
    if (shape.size == inputShape.size + 1 || shape.size != 2) return t
    val size = inputShape.fold(1) { a, b -> a * b }
    require(size == shape[1]) {
        "input '$name' takes ${inputShape.joinToString("×")} = $size values per row, the batches give ${shape[1]}"
    }
    return t.reshape(shape[0], *inputShape)
}
