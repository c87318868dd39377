package dev.strata.dsl

import dev.strata.model.Model
import dev.strata.ops.Tensor
import dev.strata.optimizers.Optimizer
import dev.strata.training.Batch
import dev.strata.training.BatchSource
import dev.strata.training.Callback
import dev.strata.training.CompileOptions
import dev.strata.training.FitOptions
import dev.strata.training.History
import dev.strata.training.Trainer

/**
 * Prepares the model for training with one loss for every output, Keras's `compile`:
 * `model.compile(optimizer = adam(lr = 1e-3), loss = mse, metrics = listOf(rmse))`.
 *
 * @param optimizer RMSprop with Keras's defaults unless given.
 * @param lossWeights weight of each output's loss in the total (default 1; 0 leaves an output untrained).
 * @param metrics computed for every output; History keys are `rmse`, or `pe_rmse` with several outputs.
 * @return the trainer, e.g. to change the learning rate.
 */
fun Model.compile(
    optimizer: Optimizer = rmsprop(),
    loss: LossSpec,
    lossWeights: Map<String, Double> = emptyMap(),
    metrics: List<MetricSpec> = emptyList(),
): Trainer = compileWith(optimizer, loss, emptyMap(), lossWeights, metrics, emptyMap())

/**
 * Prepares a multi-output model with a loss per output:
 * `compile(optimizer = adam(), loss = mapOf("pe" to mse, "v" to mse), lossWeights = mapOf("v" to 0.5))`.
 * Outputs without a loss are not trained; [metrics] apply to every trained output.
 */
fun Model.compile(
    optimizer: Optimizer = rmsprop(),
    loss: Map<String, LossSpec>,
    lossWeights: Map<String, Double> = emptyMap(),
    metrics: List<MetricSpec> = emptyList(),
): Trainer = compileWith(optimizer, null, loss, lossWeights, metrics, emptyMap())

/** Prepares the model with one loss for every output and metrics per output: `metrics = mapOf("pe" to listOf(rmse))`. */
fun Model.compile(
    optimizer: Optimizer = rmsprop(),
    loss: LossSpec,
    lossWeights: Map<String, Double> = emptyMap(),
    metrics: Map<String, List<MetricSpec>>,
): Trainer = compileWith(optimizer, loss, emptyMap(), lossWeights, emptyList(), metrics)

/** Prepares a multi-output model with a loss per output and metrics per output. */
fun Model.compile(
    optimizer: Optimizer = rmsprop(),
    loss: Map<String, LossSpec>,
    lossWeights: Map<String, Double> = emptyMap(),
    metrics: Map<String, List<MetricSpec>>,
): Trainer = compileWith(optimizer, null, loss, lossWeights, emptyList(), metrics)

private fun Model.compileWith(
    optimizer: Optimizer,
    defaultLoss: LossSpec?,
    losses: Map<String, LossSpec>,
    lossWeights: Map<String, Double>,
    defaultMetrics: List<MetricSpec>,
    metrics: Map<String, List<MetricSpec>>,
): Trainer {
    val outputs = outputNames()
    fun known(what: String, output: String) = require(output in outputs) {
        "$what given for unknown output '$output'; outputs of model '${name()}' are $outputs"
    }
    val b = CompileOptions.builder().optimizer(optimizer)
    defaultLoss?.let { b.loss(it.loss) }
    losses.forEach { (output, spec) ->
        known("loss", output)
        b.loss(output, spec.loss)
    }
    lossWeights.forEach { (output, weight) ->
        known("loss weight", output)
        require(weight >= 0 && weight.isFinite()) { "loss weight of output '$output' must be finite and >= 0, got $weight" }
        b.lossWeight(output, weight)
    }
    fun register(output: String?, spec: MetricSpec) {
        when (spec) {
            is KerasAccuracy -> if (output == null) b.metrics(*arrayOf("accuracy")) else b.accuracy(output)
            is MetricFunction -> if (output == null) b.metrics(spec.metric) else b.metrics(output, spec.metric)
            is ErrorFunction -> if (output == null) b.metrics(spec.metric) else b.metrics(output, spec.metric)
        }
    }
    defaultMetrics.forEach { register(null, it) }
    metrics.forEach { (output, specs) ->
        known("metrics", output)
        specs.forEach { register(output, it) }
    }
    return compile(b.build())
}

/**
 * Trains a single-input, single-output model on arrays, Keras's `fit`:
 * `model.fit(x, y, epochs = 10, batchSize = 32, validationSplit = 0.2, callbacks = listOf(earlyStopping()))`.
 *
 * @param epochs passes over the data.
 * @param batchSize rows per step: 1 for stochastic gradient descent, the row count for full-batch.
 * @param validationSplit the last fraction of rows held out for validation (before shuffling).
 * @param validationData validation inputs and targets; takes precedence over [validationSplit].
 * @param shuffle reshuffle the training rows every epoch (seeded by the model's seed).
 * @param verbose 0 silent, 1 a progress bar, 2 a line per epoch.
 * @param initialEpoch the epoch to resume at, as Keras: `fit(epochs = 4, initialEpoch = 2)` trains epochs 3 and 4.
 * @param sampleWeight one loss weight per row (Keras's `sample_weight`); metrics stay unweighted.
 * @param classWeight a loss weight per class index, found from each row's target (single-output models).
 * @return per-epoch losses and metrics, train and validation (`loss`, `val_loss`, `pe_loss`, …).
 */
fun Model.fit(
    x: Tensor,
    y: Tensor,
    epochs: Int = 1,
    batchSize: Int = 32,
    validationSplit: Double = 0.0,
    validationData: Pair<Tensor, Tensor>? = null,
    shuffle: Boolean = true,
    callbacks: List<Callback> = emptyList(),
    verbose: Int = 1,
    initialEpoch: Int = 0,
    sampleWeight: Tensor? = null,
    classWeight: Map<Int, Double> = emptyMap(),
): History = fit(
    mapOf(singleInput() to x), mapOf(singleTrainedOutput() to y), epochs, batchSize, validationSplit,
    validationData?.let { (vx, vy) -> mapOf(singleInput() to vx) to mapOf(singleTrainedOutput() to vy) },
    shuffle, callbacks, verbose, initialEpoch, sampleWeight, classWeight,
)

/**
 * Trains a single-input model on targets by output name, e.g. a two-output model:
 * `fit(x, mapOf("pe" to pe, "v" to v), epochs = 100)`. The parameters are those of the single-tensor `fit`.
 */
fun Model.fit(
    x: Tensor,
    y: Map<String, Tensor>,
    epochs: Int = 1,
    batchSize: Int = 32,
    validationSplit: Double = 0.0,
    validationData: Pair<Tensor, Map<String, Tensor>>? = null,
    shuffle: Boolean = true,
    callbacks: List<Callback> = emptyList(),
    verbose: Int = 1,
    initialEpoch: Int = 0,
    sampleWeight: Tensor? = null,
    classWeight: Map<Int, Double> = emptyMap(),
): History = fit(
    mapOf(singleInput() to x), y, epochs, batchSize, validationSplit,
    validationData?.let { (vx, vy) -> mapOf(singleInput() to vx) to vy },
    shuffle, callbacks, verbose, initialEpoch, sampleWeight, classWeight,
)

/**
 * Trains on arrays by input and output name: `fit(mapOf("x" to x), mapOf("pe" to pe, "v" to v), epochs = 50)`.
 * The parameters are those of the single-tensor `fit`.
 */
fun Model.fit(
    x: Map<String, Tensor>,
    y: Map<String, Tensor>,
    epochs: Int = 1,
    batchSize: Int = 32,
    validationSplit: Double = 0.0,
    validationData: Pair<Map<String, Tensor>, Map<String, Tensor>>? = null,
    shuffle: Boolean = true,
    callbacks: List<Callback> = emptyList(),
    verbose: Int = 1,
    initialEpoch: Int = 0,
    sampleWeight: Tensor? = null,
    classWeight: Map<Int, Double> = emptyMap(),
): History {
    val options = FitOptions.builder().epochs(epochs).batchSize(batchSize).validationSplit(validationSplit)
        .shuffle(shuffle).callbacks(callbacks).verbose(verbose).initialEpoch(initialEpoch).classWeight(classWeight)
    sampleWeight?.let { options.sampleWeight(it) }
    validationData?.let { (vx, vy) -> options.validationData(vx, vy) }
    return fit(x, y, options.build())
}

/**
 * Trains on batches from a source (e.g. a data pipeline), validating on [validation] after each
 * epoch when given; batch size and shuffling are the source's business.
 */
fun Model.fit(
    data: BatchSource,
    epochs: Int = 1,
    validation: BatchSource? = null,
    callbacks: List<Callback> = emptyList(),
    verbose: Int = 1,
    initialEpoch: Int = 0,
): History {
    val options = FitOptions.builder().epochs(epochs).callbacks(callbacks).verbose(verbose).initialEpoch(initialEpoch).build()
    return trainer().fit(data, validation, options)
}

/** Losses and metrics of a single-input model on targets by output name. */
fun Model.evaluate(x: Tensor, y: Map<String, Tensor>): Map<String, Double> = evaluate(mapOf(singleInput() to x), y)

/** Predicts every output of a single-input model, by output name. */
fun Model.predictAll(x: Tensor): Map<String, Tensor> = predictAll(mapOf(singleInput() to x))

/** One training step on one batch given by input and output name; returns the batch's losses before the update. */
fun Model.trainOnBatch(x: Map<String, Tensor>, y: Map<String, Tensor>): Map<String, Double> =
    trainer().trainOnBatch(Batch(x, y))

/** Predicts a single-output model from inputs given by name: `predict("x" to x)`. */
fun Model.predict(vararg inputs: Pair<String, Tensor>): Tensor = predict(inputs.toMap())

private fun Model.singleInput(): String = inputNames().singleOrNull()
    ?: throw IllegalArgumentException("model '${name()}' has inputs ${inputNames()}; pass them by name: fit(mapOf(...), mapOf(...))")

private fun Model.singleTrainedOutput(): String = trainer().losses().keys.singleOrNull()
    ?: throw IllegalArgumentException(
        "model '${name()}' trains outputs ${trainer().losses().keys}; pass targets by name: fit(mapOf(...), mapOf(...))",
    )
