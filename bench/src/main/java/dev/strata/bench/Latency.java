package dev.strata.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * Single-call latency: runs each contender's call many times, timing every call on its own, and reports
 * percentiles. Calls are made in blocks that alternate between contenders (order reversed every other
 * block), so that changes in machine load fall on all of them alike, as in {@link Harness}.
 */
public final class Latency {

    /** Blocks the timed calls are split into. */
    private static final int BLOCKS = 20;

    /** Percentiles in microseconds. */
    public record Percentiles(double p50, double p99, int calls) {}

    /** Keeps results reachable so the JIT cannot drop the call as dead code. */
    private static volatile Object sink;

    private Latency() {}

    /**
     * @param calls  one operation per contender, e.g. a single-row predict
     * @param warmup untimed calls per contender first (JIT, inference workspaces)
     * @param count  timed calls per contender
     * @return one result per operation, in the same order
     */
    public static List<Percentiles> measure(List<Supplier<?>> calls, int warmup, int count) {
        int k = calls.size();
        for (Supplier<?> call : calls) {
            for (int i = 0; i < warmup; i++) {
                sink = call.get();
            }
        }
        long[][] nanos = new long[k][count];
        int done = 0;
        for (int b = 0; b < BLOCKS; b++) {
            int end = (int) ((long) count * (b + 1) / BLOCKS);
            for (int j = 0; j < k; j++) {
                int c = b % 2 == 0 ? j : k - 1 - j;
                Supplier<?> call = calls.get(c);
                for (int i = done; i < end; i++) {
                    long t0 = System.nanoTime();
                    sink = call.get();
                    nanos[c][i] = System.nanoTime() - t0;
                }
            }
            done = end;
        }
        List<Percentiles> out = new ArrayList<>(k);
        for (long[] n : nanos) {
            Arrays.sort(n);
            out.add(new Percentiles(percentile(n, 0.50) / 1e3, percentile(n, 0.99) / 1e3, count));
        }
        return out;
    }

    /** Nearest-rank percentile of sorted values. */
    private static double percentile(long[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
