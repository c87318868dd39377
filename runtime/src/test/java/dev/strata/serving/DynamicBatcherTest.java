package dev.strata.serving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DynamicBatcherTest {
    @Test void aFullQueueRefusesAtOnceAndQueuedCallsStillRun() throws Exception {
        CountDownLatch running = new CountDownLatch(1), release = new CountDownLatch(1);
        // The runner doubles its rows, after being held until released: the worker is busy meanwhile.
        DynamicBatcher b = new DynamicBatcher("t", PredictorOptions.batched(1, 0, 1), in -> {
            running.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            float[][] x = in.get("x"), y = new float[x.length][];
            for (int r = 0; r < x.length; r++) y[r] = new float[] {2 * x[r][0]};
            return Map.of("y", y);
        }, rows -> { });
        CompletableFuture<Map<String, float[][]>> first = b.submit(Map.of("x", new float[][] {{1}}), 1);
        running.await(10, TimeUnit.SECONDS); // the worker holds the first call
        CompletableFuture<Map<String, float[][]>> second = b.submit(Map.of("x", new float[][] {{2}}), 1); // fills the queue of 1
        QueueFullException e = assertThrows(QueueFullException.class, () -> b.submit(Map.of("x", new float[][] {{3}}), 1));
        assertEquals("the prediction queue is full (1 calls waiting); try again later", e.getMessage());
        assertEquals(1, b.queueDepth());
        release.countDown();
        assertArrayEquals(new float[] {2}, first.get(10, TimeUnit.SECONDS).get("y")[0]);
        assertArrayEquals(new float[] {4}, second.get(10, TimeUnit.SECONDS).get("y")[0]);
        b.close();
    }
}
