package dev.strata.serving;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Dynamic batching: calls queue up; one worker thread takes the first, waits up to the delay for
 * more (up to the batch size in rows), runs them as one batch and hands each caller its own rows.
 * The queue is bounded: a call that finds it full fails at once rather than growing memory.
 */
final class DynamicBatcher implements AutoCloseable {
    /** One caller's rows, already checked, and where its answer goes. */
    private record Job(Map<String, float[][]> inputs, int rows, CompletableFuture<Map<String, float[][]>> result) {}

    private final Function<Map<String, float[][]>, Map<String, float[][]>> runner;
    private final PredictorOptions options;
    private final BlockingQueue<Job> queue;
    private final Thread worker;
    private final java.util.function.IntConsumer onBatch;
    private volatile boolean closed;
    private Job carried; // a job that did not fit the last batch: it starts the next one

    DynamicBatcher(String name, PredictorOptions options, Function<Map<String, float[][]>, Map<String, float[][]>> runner,
                   java.util.function.IntConsumer onBatch) {
        this.runner = runner;
        this.onBatch = onBatch;
        this.options = options;
        this.queue = new ArrayBlockingQueue<>(options.maxQueue());
        this.worker = new Thread(this::loop, "strata-batcher-" + name);
        worker.setDaemon(true);
        worker.start();
    }

    /** Queues the rows; the future completes with this call's rows of every output. */
    CompletableFuture<Map<String, float[][]>> submit(Map<String, float[][]> inputs, int rows) {
        if (closed) throw new IllegalStateException("the predictor is closed");
        Job job = new Job(inputs, rows, new CompletableFuture<>());
        if (!queue.offer(job)) throw new QueueFullException(options.maxQueue());
        return job.result;
    }

    /** Calls waiting to run. */
    int queueDepth() {
        return queue.size();
    }

    private void loop() {
        long delay = TimeUnit.MICROSECONDS.toNanos(options.maxDelayMicros());
        while (!closed || !queue.isEmpty() || carried != null) {
            List<Job> batch = new ArrayList<>();
            try {
                Job first = carried != null ? carried : queue.poll(100, TimeUnit.MILLISECONDS);
                carried = null;
                if (first == null) continue;
                batch.add(first);
                int rows = first.rows;
                long deadline = System.nanoTime() + delay;
                while (rows < options.maxBatchSize()) {
                    Job next = queue.poll();
                    if (next == null) {
                        long left = deadline - System.nanoTime();
                        if (left <= 0 || (next = queue.poll(left, TimeUnit.NANOSECONDS)) == null) break;
                    }
                    if (rows + next.rows > options.maxBatchSize()) {
                        carried = next;
                        break;
                    }
                    batch.add(next);
                    rows += next.rows;
                }
                run(batch, rows);
            } catch (InterruptedException e) {
                batch.forEach(j -> j.result.completeExceptionally(e));
                if (closed) break;
            }
        }
        for (Job j; (j = queue.poll()) != null; ) j.result.completeExceptionally(new IllegalStateException("the predictor is closed"));
    }

    private void run(List<Job> batch, int rows) {
        onBatch.accept(rows);
        try {
            if (batch.size() == 1) {
                batch.get(0).result.complete(runner.apply(batch.get(0).inputs));
                return;
            }
            Map<String, float[][]> joined = new LinkedHashMap<>();
            for (String name : batch.get(0).inputs.keySet()) {
                float[][] all = new float[rows][];
                int at = 0;
                for (Job j : batch) {
                    float[][] part = j.inputs.get(name);
                    System.arraycopy(part, 0, all, at, part.length);
                    at += part.length;
                }
                joined.put(name, all);
            }
            Map<String, float[][]> out = runner.apply(joined);
            int at = 0;
            for (Job j : batch) {
                Map<String, float[][]> mine = new LinkedHashMap<>();
                for (Map.Entry<String, float[][]> e : out.entrySet()) {
                    float[][] part = new float[j.rows][];
                    System.arraycopy(e.getValue(), at, part, 0, j.rows);
                    mine.put(e.getKey(), part);
                }
                at += j.rows;
                j.result.complete(mine);
            }
        } catch (RuntimeException e) {
            batch.forEach(j -> j.result.completeExceptionally(e));
        }
    }

    /** Stops taking calls, runs those already queued, then stops the worker. */
    @Override
    public void close() {
        closed = true;
        try {
            worker.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
