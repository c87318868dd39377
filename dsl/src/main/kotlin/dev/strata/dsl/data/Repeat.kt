@file:JvmName("Stages")
@file:JvmMultifileClass

package dev.strata.dsl.data

import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.emitAll
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.flowOn

/**
 * Collects the upstream [times] times in a row, as that many epochs: each repetition runs
 * with its own [Epoch] (so a [shuffle] upstream reshuffles). Inside a training epoch `e`,
 * repetition `k` is epoch `e × times + k`, so a repeated pipeline stays different from epoch to
 * epoch.
 *
 * The training loop already collects a pipeline once per epoch; `repeat` is for a pipeline that
 * should feed several passes over the data into one epoch, or into a loop of your own.
 */
fun <T> Flow<T>.repeat(times: Int): Flow<T> {
    require(times >= 0) { "repeat times must be >= 0, got $times" }
    val upstream = this
    return flow {
        val outer = currentEpoch()
        for (k in 0 until times) {
            // A context element, not a dispatcher: flowOn adds no channel here, just the epoch.
            emitAll(upstream.flowOn(Epoch(outer * times + k)))
        }
    }
}
