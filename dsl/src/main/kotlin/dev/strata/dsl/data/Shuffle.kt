@file:JvmName("Stages")
@file:JvmMultifileClass

package dev.strata.dsl.data

import java.util.SplittableRandom
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow

/**
 * Shuffles with a buffer of [bufferSize] items, as `tf.data`'s `shuffle`: the buffer fills
 * first, then each incoming item takes the place of a randomly chosen buffered one, which is
 * emitted. Memory stays bounded; a buffer at least as large as the data gives a full shuffle,
 * a smaller one only mixes items that are near each other.
 *
 * The order is reproducible: it depends on [seed] and the [Epoch] being collected, so every
 * epoch of training sees a different order, and a rerun sees the same ones.
 */
fun <T> Flow<T>.shuffle(bufferSize: Int, seed: Long): Flow<T> {
    require(bufferSize > 0) { "shuffle buffer size must be positive, got $bufferSize" }
    val upstream = this
    return flow {
        val random = SplittableRandom(epochSeed(seed, currentEpoch()))
        val buffer = ArrayList<T>(minOf(bufferSize, 1 shl 16))
        upstream.collect { item ->
            if (buffer.size < bufferSize) {
                buffer.add(item)
            } else {
                val i = random.nextInt(bufferSize)
                val out = buffer[i]
                buffer[i] = item
                emit(out)
            }
        }
        // Drain what is left in random order (Fisher–Yates).
        for (last in buffer.indices.reversed()) {
            val i = random.nextInt(last + 1)
            emit(buffer[i])
            buffer[i] = buffer[last]
        }
    }
}
