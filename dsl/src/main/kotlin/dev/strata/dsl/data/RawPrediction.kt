@file:JvmName("RawPrediction")

package dev.strata.dsl.data

import dev.strata.data.Features
import dev.strata.data.Preprocessing
import dev.strata.model.Model
import dev.strata.ops.Tensor

/**
 * Saves fitted [preprocessing] inside the model (in [Model.metadata], so [Model.save] writes it),
 * with which columns feed which input ([features]' inputs), so that the model, saved and loaded,
 * takes raw rows: see [predictRaw].
 */
fun Model.attachPreprocessing(preprocessing: Preprocessing, features: Features) {
    for (input in features.inputs().keys) {
        require(input in inputNames() || (features.inputs().size == 1 && inputNames().size == 1)) {
            "features name input '$input', but model '${name()}' has inputs ${inputNames()}"
        }
    }
    preprocessing.withInputs(features.inputs()).saveTo(metadata())
}

/** The preprocessing saved in this model by [attachPreprocessing], or `null`. */
val Model.preprocessing: Preprocessing?
    get() = Preprocessing.from(metadata()).orElse(null)

/**
 * Predicts the single output from raw rows, as they appear in the training data (column → number
 * or text): the preprocessing saved with the model fills, scales and encodes them first.
 *
 * ```
 * val model = Model.load(Path.of("plant.strata"))
 * model.predictRaw(listOf(mapOf("AT" to 14.96, "AP" to 1024.07, "RH" to 73.17)))
 * ```
 *
 * @throws IllegalStateException if the model has no saved preprocessing
 * @throws dev.strata.data.DataFormatException naming the row (`<predict>:n`, 1-based) and column of a bad value
 */
fun Model.predictRaw(rows: List<Map<String, Any?>>): Tensor {
    val outputs = outputNames()
    require(outputs.size == 1) { "model '${name()}' has outputs $outputs; use predictAllRaw" }
    return predictAllRaw(rows).getValue(outputs[0])
}

/** Predicts every output from raw rows; see [predictRaw]. */
fun Model.predictAllRaw(rows: List<Map<String, Any?>>): Map<String, Tensor> {
    require(rows.isNotEmpty()) { "predictRaw needs at least one row" }
    val prep = preprocessing ?: throw IllegalStateException(
        "model '${name()}' has no saved preprocessing: call attachPreprocessing(preprocessing, features) before saving it",
    )
    val matrices = prep.predictionInputs(rows.map { Example.of(it).values })
    val inputs = matrices.entries.associate { (name, matrix) ->
        val modelName = if (name in inputNames()) name else inputNames().single()
        val shape = graph().inputShape(modelName)
        modelName to Tensor.of(matrix).reshape(rows.size, *shape)
    }
    return predictAll(inputs)
}

/** [predictRaw] for examples (from a source such as [csvSource]). */
@JvmName("predictRawExamples")
fun Model.predictRaw(rows: List<Example>): Tensor = predictRaw(rows.map { it.values })

/** [predictAllRaw] for examples. */
@JvmName("predictAllRawExamples")
fun Model.predictAllRaw(rows: List<Example>): Map<String, Tensor> = predictAllRaw(rows.map { it.values })
