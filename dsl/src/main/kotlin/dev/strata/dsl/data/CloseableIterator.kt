package dev.strata.dsl.data

import kotlin.coroutines.CoroutineContext
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.ExperimentalCoroutinesApi
import kotlinx.coroutines.Job
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.channels.ReceiveChannel
import kotlinx.coroutines.channels.produce
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.runBlocking

/**
 * A blocking iterator that must be closed: use it in try-with-resources (Java) or `use` (Kotlin).
 * Closing it early stops whatever produces its items and releases their resources.
 */
interface CloseableIterator<T> : Iterator<T>, AutoCloseable {
    /** Stops the producer and waits until it has released its resources; safe to call twice. */
    override fun close()
}

/**
 * A flow consumed by blocking code: a producer coroutine collects the flow into a channel of
 * [capacity] items, and [hasNext] waits for the next one. The producer runs on the dispatcher of
 * [context] and under its job, if it has one (cancelling that job stops the producer, and the
 * consumer sees the cancellation); [close] cancels it and waits for it to finish.
 *
 * A failure of the flow (bad data, say) reaches the consumer from [hasNext] as the same exception.
 */
internal class ChannelIterator<T>(flow: Flow<T>, capacity: Int, context: CoroutineContext) : CloseableIterator<T> {
    // A supervisor: a failing producer reports to the consumer through the channel, not to the parent job.
    private val job = SupervisorJob(context[Job])
    private val scope = CoroutineScope(context + job)

    @OptIn(ExperimentalCoroutinesApi::class)
    private val channel: ReceiveChannel<T> = scope.produce(capacity = capacity) { flow.collect { send(it) } }

    private var next: Any? = NONE
    private var finished = false

    override fun hasNext(): Boolean {
        if (next !== NONE) return true
        if (finished) return false
        // Block only when the producer has nothing ready: a full channel is drained without an event loop.
        val ready = channel.tryReceive()
        val result = if (ready.isSuccess || ready.isClosed) ready else runBlocking { channel.receiveCatching() }
        if (result.isClosed) {
            close()
            result.exceptionOrNull()?.let { throw it }
            return false
        }
        next = result.getOrThrow()
        return true
    }

    override fun next(): T {
        if (!hasNext()) throw NoSuchElementException("the flow has no more items")
        @Suppress("UNCHECKED_CAST")
        val item = next as T
        next = NONE
        return item
    }

    override fun close() {
        finished = true
        next = NONE
        runBlocking { job.cancelAndJoin() }
    }

    private companion object {
        /** No item buffered (null may be an item). */
        val NONE = Any()
    }
}
