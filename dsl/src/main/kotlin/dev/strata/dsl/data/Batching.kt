@file:JvmName("Stages")
@file:JvmMultifileClass

package dev.strata.dsl.data

import dev.strata.data.Features
import dev.strata.ops.Tensor
import dev.strata.training.Batch
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.map

/**
 * Groups items into lists of [size]; the last list is shorter unless [dropLast] drops it.
 */
@JvmOverloads
fun <T> Flow<T>.batch(size: Int, dropLast: Boolean = false): Flow<List<T>> {
    require(size > 0) { "batch size must be positive, got $size" }
    val upstream = this
    return flow {
        var items = ArrayList<T>(size)
        upstream.collect {
            items.add(it)
            if (items.size == size) {
                emit(items)
                items = ArrayList(size)
            }
        }
        if (items.isNotEmpty() && !dropLast) emit(items)
    }
}

/**
 * Groups examples into training batches of [size] rows: the [features]' input columns become
 * the input tensors and their target columns the target tensors, by name.
 *
 * ```
 * csvSource("ccpp.csv").batch(32, features { input("x", "AT", "AP", "RH"); target("pe", "PE"); target("v", "V") })
 * ```
 *
 * A text value, a missing number or a column a row lacks stops the flow with a
 * [dev.strata.data.DataFormatException] naming the row's file and line and the column.
 */
@JvmOverloads
fun Flow<Example>.batch(size: Int, features: Features, dropLast: Boolean = false): Flow<Batch> =
    batch(size, dropLast).map { it.toBatch(features) }

/** These examples as one batch: input and target tensors of `size × features` by name. */
fun List<Example>.toBatch(features: Features): Batch {
    require(isNotEmpty()) { "cannot make a batch of no examples" }
    val rows = map { it.values }
    val sources = map { it.source }
    fun tensors(layout: Map<String, List<String>>): Map<String, Tensor> = layout.mapValues { (_, columns) ->
        val flat = Features.matrix(rows, sources, columns)
        Tensor.of(flat, size, flat.size / size)
    }
    return Batch(tensors(features.inputs()), tensors(features.targets()))
}
