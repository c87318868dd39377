package dev.strata.serving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DynamicBatcherTest {
    /** A runner that multiplies its rows by {@code factor}, after counting down {@code running} and waiting for {@code release}. */
    private static java.util.function.Function<Map<String, float[][]>, Map<String, float[][]>> held(
            CountDownLatch running, CountDownLatch release, float factor) {
        return in -> {
            running.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            float[][] x = in.get("x"), y = new float[x.length][];
            for (int r = 0; r < x.length; r++) y[r] = new float[] {factor * x[r][0]};
            return Map.of("y", y);
        };
    }

    @Test void aFullQueueRefusesAtOnceAndQueuedCallsStillRun() throws Exception {
        CountDownLatch running = new CountDownLatch(1), release = new CountDownLatch(1);
        // The runner doubles its rows, after being held until released: the leader is busy meanwhile.
        DynamicBatcher b = new DynamicBatcher(PredictorOptions.batched(1, 0, 1, 1), held(running, release, 2f), rows -> { });
        // The first caller leads: it runs its own call on its own thread, held in the runner.
        CompletableFuture<Map<String, float[][]>> first = CompletableFuture.supplyAsync(() -> b.submit(Map.of("x", new float[][] {{1}}), 1))
                .thenCompose(f -> f);
        assertTrue(running.await(10, TimeUnit.SECONDS));
        // The second queues behind the running batch and returns at once without running anything.
        CompletableFuture<Map<String, float[][]>> second = b.submit(Map.of("x", new float[][] {{2}}), 1); // fills the queue of 1
        assertFalse(second.isDone());
        QueueFullException e = assertThrows(QueueFullException.class, () -> b.submit(Map.of("x", new float[][] {{3}}), 1));
        assertEquals("the prediction queue is full (1 calls waiting); try again later", e.getMessage());
        assertEquals(1, b.queueDepth());
        release.countDown();
        assertArrayEquals(new float[] {2}, first.get(10, TimeUnit.SECONDS).get("y")[0]);
        assertArrayEquals(new float[] {4}, second.get(10, TimeUnit.SECONDS).get("y")[0]); // run by the first caller's thread
        assertEquals(0, b.queueDepth());
        // Idle again: a call runs at once on the caller's thread and returns completed.
        CompletableFuture<Map<String, float[][]>> third = b.submit(Map.of("x", new float[][] {{3}}), 1);
        assertTrue(third.isDone());
        assertArrayEquals(new float[] {6}, third.get().get("y")[0]);
        b.close();
        IllegalStateException closed = assertThrows(IllegalStateException.class, () -> b.submit(Map.of("x", new float[][] {{4}}), 1));
        assertEquals("the predictor is closed", closed.getMessage());
    }

    @Test void callsArrivingDuringABatchRunTogetherAsTheNext() throws Exception {
        CountDownLatch running = new CountDownLatch(1), release = new CountDownLatch(1);
        java.util.List<Integer> sizes = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        DynamicBatcher b = new DynamicBatcher(PredictorOptions.batched(8, 0, 64, 1), in -> {
            running.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            float[][] x = in.get("x"), y = new float[x.length][];
            for (int r = 0; r < x.length; r++) y[r] = new float[] {x[r][0] + 100};
            return Map.of("y", y);
        }, sizes::add);
        CompletableFuture<Map<String, float[][]>> first = CompletableFuture.supplyAsync(() -> b.submit(Map.of("x", new float[][] {{0}}), 1))
                .thenCompose(f -> f);
        assertTrue(running.await(10, TimeUnit.SECONDS));
        // Ten calls of one or two rows queue up behind the first: 15 rows, batches of at most 8.
        java.util.List<CompletableFuture<Map<String, float[][]>>> later = new java.util.ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            float[][] x = i % 2 == 0 ? new float[][] {{i}, {-i}} : new float[][] {{i}};
            later.add(b.submit(Map.of("x", x), x.length));
        }
        assertEquals(10, b.queueDepth());
        release.countDown();
        assertArrayEquals(new float[] {100}, first.get(10, TimeUnit.SECONDS).get("y")[0]);
        for (int i = 1; i <= 10; i++) {
            float[][] y = later.get(i - 1).get(10, TimeUnit.SECONDS).get("y");
            assertEquals(i % 2 == 0 ? 2 : 1, y.length, "call " + i);
            assertArrayEquals(new float[] {i + 100}, y[0], "call " + i);
            if (i % 2 == 0) assertArrayEquals(new float[] {-i + 100}, y[1], "call " + i);
        }
        // 1 (the first alone), then 1+2+1+2+1 = 7 (the next 2-row call would make 9), then 2+1+2+1+2 = 8.
        assertEquals(java.util.List.of(1, 7, 8), sizes);
        b.close();
    }

    /** With two batch threads a second caller leads its own batch while the first is still running. */
    @Test void twoBatchThreadsRunTwoBatchesAtOnce() throws Exception {
        CountDownLatch bothRunning = new CountDownLatch(2), release = new CountDownLatch(1);
        DynamicBatcher b = new DynamicBatcher(PredictorOptions.batched(8, 0, 64, 2), held(bothRunning, release, -1f), rows -> { });
        CompletableFuture<Map<String, float[][]>> first = CompletableFuture.supplyAsync(() -> b.submit(Map.of("x", new float[][] {{1}}), 1))
                .thenCompose(f -> f);
        CompletableFuture<Map<String, float[][]>> second = CompletableFuture.supplyAsync(() -> b.submit(Map.of("x", new float[][] {{2}}), 1))
                .thenCompose(f -> f);
        assertTrue(bothRunning.await(10, TimeUnit.SECONDS), "both batches should be running at once");
        // A third finds both leaders busy: it queues and returns without running.
        CompletableFuture<Map<String, float[][]>> third = b.submit(Map.of("x", new float[][] {{3}}), 1);
        assertFalse(third.isDone());
        release.countDown();
        assertArrayEquals(new float[] {-1}, first.get(10, TimeUnit.SECONDS).get("y")[0]);
        assertArrayEquals(new float[] {-2}, second.get(10, TimeUnit.SECONDS).get("y")[0]);
        assertArrayEquals(new float[] {-3}, third.get(10, TimeUnit.SECONDS).get("y")[0]);
        b.close();
    }

    @Test void batchThreadsMustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PredictorOptions.batched(8, 0, 64, 0));
        assertEquals("batchThreads must be at least 1, got 0", e.getMessage());
    }
}
