package dev.strata.dsl.data

import dev.strata.training.Batch
import dev.strata.training.BatchSource
import kotlin.coroutines.CoroutineContext
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.flow.Flow

/**
 * A pipeline as the training loop's [BatchSource]. Each epoch collects [batches] once, in a
 * producer coroutine that runs ahead of training by up to [capacity] batches (back-pressure
 * beyond that) with the epoch in its context ([Epoch], which reshuffles a [shuffle] stage).
 *
 * The loop closes every epoch's iterator, also when training stops early (EarlyStopping, a
 * threshold), fails or is cancelled: closing cancels the producer, which closes the files and
 * other resources of the pipeline before `close` returns.
 *
 * @param context where the producer runs (by default [Dispatchers.IO], as reading blocks); a
 *     [kotlinx.coroutines.Job] in it becomes the producer's parent, so cancelling that job stops
 *     the epoch
 * @param batchesPerEpoch the number of batches per epoch when known (progress bars), else -1
 */
class FlowBatchSource @JvmOverloads constructor(
    private val batches: Flow<Batch>,
    private val capacity: Int = 2,
    private val context: CoroutineContext = Dispatchers.IO,
    private val batchesPerEpoch: Long = -1,
) : BatchSource {
    init {
        require(capacity >= 0) { "capacity must be >= 0, got $capacity" }
    }

    override fun epoch(epoch: Int): BatchSource.Batches {
        val items = ChannelIterator(batches, capacity, context + Epoch(epoch))
        return object : BatchSource.Batches {
            override fun hasNext(): Boolean = items.hasNext()
            override fun next(): Batch = items.next()
            override fun remove() = throw UnsupportedOperationException("batches cannot be removed")
            override fun close() = items.close()
        }
    }

    override fun batchesPerEpoch(): Long = batchesPerEpoch
}
