package dev.strata.dsl.data

import dev.strata.training.Batch
import dev.strata.training.BatchSource
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.flow.Flow

/**
 * Pipelines for Java callers. Sources are in `Sources` (`Sources.csvSource(path)`), stages in
 * `Stages` (`Stages.batch(flow, 32, features)`); these entries hand the result to blocking code.
 *
 * ```java
 * Flow<Batch> batches = Stages.batch(Sources.csvSource(Path.of("ccpp.csv")), 32, features);
 * model.trainer().fit(Pipelines.toBatchSource(batches), null, FitOptions.builder().epochs(10).build());
 *
 * try (CloseableIterator<Example> rows = Pipelines.iterator(Sources.csvSource(Path.of("ccpp.csv")))) {
 *     while (rows.hasNext()) { ... }
 * }   // closing stops the producer and closes the file, also when the loop exits early
 * ```
 */
object Pipelines {
    /**
     * The pipeline as a [BatchSource] for `Trainer.fit` and `Trainer.evaluate` (each epoch
     * collects it once, up to [capacity] batches ahead). Unlike `model.fit(flow)` in Kotlin, the
     * batches' names must be the model's.
     */
    @JvmStatic
    @JvmOverloads
    fun toBatchSource(batches: Flow<Batch>, capacity: Int = 2): BatchSource = FlowBatchSource(batches, capacity)

    /**
     * A blocking iterator over the flow, collected by a background producer up to [capacity] items
     * ahead. It must be closed (try-with-resources): an iterator left open keeps its producer
     * suspended, holding the pipeline's files, forever.
     */
    @JvmStatic
    @JvmOverloads
    fun <T> iterator(flow: Flow<T>, capacity: Int = 2): CloseableIterator<T> =
        ChannelIterator(flow, capacity, Dispatchers.IO)
}
