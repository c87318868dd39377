@file:JvmName("Stages")
@file:JvmMultifileClass

package dev.strata.dsl.data

import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.sync.Mutex
import kotlinx.coroutines.sync.withLock

/**
 * Keeps what the upstream emitted the first time it was collected to the end, and replays it from
 * memory on every later collection (tf.data's `cache()`): put it after reading and preprocessing
 * and before [shuffle], so later epochs skip re-reading and re-parsing the file. A collection that
 * stops early (an early stop, a cancelled fit) caches nothing and the next one reads again.
 */
fun <T> Flow<T>.cache(): Flow<T> {
    val upstream = this
    val lock = Mutex()
    var cached: List<T>? = null
    return flow {
        val ready = lock.withLock { cached }
        if (ready != null) {
            for (item in ready) emit(item)
            return@flow
        }
        val seen = ArrayList<T>()
        upstream.collect {
            seen += it
            emit(it)
        }
        lock.withLock { if (cached == null) cached = seen }
    }
}
