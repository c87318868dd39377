@file:JvmName("Stages")
@file:JvmMultifileClass

package dev.strata.dsl.data

import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.buffer
import kotlinx.coroutines.flow.flowOn

/**
 * Runs everything upstream on [dispatcher] (reading files, parsing, preprocessing, batching),
 * up to [capacity] items ahead of the consumer: while the model trains on one batch the next
 * ones are being made. The buffer is bounded, so a fast producer suspends when it is full
 * (back-pressure) instead of filling memory; cancelling the consumer cancels the producer.
 */
@JvmOverloads
fun <T> Flow<T>.prefetch(capacity: Int = 2, dispatcher: CoroutineDispatcher = Dispatchers.IO): Flow<T> {
    require(capacity > 0) { "prefetch capacity must be positive, got $capacity" }
    return buffer(capacity).flowOn(dispatcher)
}
