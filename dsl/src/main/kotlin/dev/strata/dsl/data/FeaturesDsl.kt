package dev.strata.dsl.data

import dev.strata.data.Features
import dev.strata.training.Batch

/**
 * Which columns feed which model input and which output's target, by name: for models with
 * several inputs or outputs.
 *
 * ```
 * features {
 *     input("x", "AT", "AP", "RH")     // model input "x" ← three columns
 *     target("pe", "PE")               // output "pe" learns column PE
 *     target("v", "V")
 *     sampleWeight("W")                 // optional: column W weighs each row's loss
 * }
 * ```
 */
fun features(block: FeaturesBuilder.() -> Unit): Features = FeaturesBuilder().apply(block).build()

/**
 * One input made of [inputs] and one target made of [targets]: for a model with a single input
 * and a single trained output, whatever their names.
 */
fun features(inputs: List<String>, targets: List<String>): Features = Features.of(inputs, targets)

/** One input made of [inputs] and the single target column [target]. */
fun features(inputs: List<String>, target: String): Features = Features.of(inputs, listOf(target))

/** Collects the inputs and targets of [features]. */
@DataDsl
class FeaturesBuilder internal constructor() {
    private val inputs = LinkedHashMap<String, List<String>>()
    private val targets = LinkedHashMap<String, List<String>>()

    /** Model input [name] takes these columns, concatenated in order. */
    fun input(name: String, vararg columns: String) {
        require(name !in inputs) { "input '$name' is given twice" }
        inputs[name] = columns.toList()
    }

    /** Output [name] learns these columns. */
    fun target(name: String, vararg columns: String) {
        require(name !in targets) { "target '$name' is given twice" }
        targets[name] = columns.toList()
    }

    /**
     * Column [column] weighs each row's loss (Keras's `sample_weight`), for every output; metrics
     * stay unweighted.
     */
    fun sampleWeight(column: String) = target(Batch.SAMPLE_WEIGHT, column)

    /** Column [column] weighs each row's loss of output [output] only. */
    fun sampleWeight(output: String, column: String) = target(Batch.sampleWeightOf(output), column)

    internal fun build(): Features = Features(inputs, targets)
}

/** Keeps the data builders' scopes apart, so an inner block cannot call an outer builder by mistake. */
@DslMarker
annotation class DataDsl
