package dev.strata.serving;

/**
 * How a {@link Predictor} runs calls.
 *
 * @param batching       when true, concurrent calls arriving within {@code maxDelayMicros} are run
 *                       as one batch (at most {@code maxBatchSize} rows) and each caller gets its rows back
 * @param maxBatchSize   most rows in one batched run
 * @param maxDelayMicros how long the first call of a batch waits for others to join it
 * @param maxQueue       most calls waiting; beyond it a call fails at once with {@link QueueFullException}
 * @param batchThreads   most batches running at once (TF Serving's {@code num_batch_threads}); each runs
 *                       on one of its callers' threads
 */
public record PredictorOptions(boolean batching, int maxBatchSize, long maxDelayMicros, int maxQueue, int batchThreads) {

    /** The machine's cores: the default number of batches running at once. */
    public static final int CORES = Runtime.getRuntime().availableProcessors();

    /** Each call runs on its caller's thread, no batching: the in-process default. */
    public static final PredictorOptions DIRECT = new PredictorOptions(false, 32, 500, 1024, CORES);

    /** Options with one batch per core at once. */
    public PredictorOptions(boolean batching, int maxBatchSize, long maxDelayMicros, int maxQueue) {
        this(batching, maxBatchSize, maxDelayMicros, maxQueue, CORES);
    }

    public PredictorOptions {
        if (maxBatchSize < 1) throw new IllegalArgumentException("maxBatchSize must be at least 1, got " + maxBatchSize);
        if (maxDelayMicros < 0) throw new IllegalArgumentException("maxDelayMicros must be 0 or more, got " + maxDelayMicros);
        if (maxQueue < 1) throw new IllegalArgumentException("maxQueue must be at least 1, got " + maxQueue);
        if (batchThreads < 1) throw new IllegalArgumentException("batchThreads must be at least 1, got " + batchThreads);
    }

    /** Dynamic batching with the given window, one batch per core at once. */
    public static PredictorOptions batched(int maxBatchSize, long maxDelayMicros, int maxQueue) {
        return batched(maxBatchSize, maxDelayMicros, maxQueue, CORES);
    }

    /** Dynamic batching with the given window and at most {@code batchThreads} batches at once. */
    public static PredictorOptions batched(int maxBatchSize, long maxDelayMicros, int maxQueue, int batchThreads) {
        return new PredictorOptions(true, maxBatchSize, maxDelayMicros, maxQueue, batchThreads);
    }
}
