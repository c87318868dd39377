package dev.strata.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * Times training epochs. The contenders first run warm-up epochs (JIT, native caches, workspaces) until
 * both a minimum count and a minimum time are reached; then they run timed epochs in
 * interleaved rounds, the order reversed every other round (A B, B A, …), so that changes in machine
 * load and any position effect fall on all of them alike. Rounds continue past the minimum count until
 * the slowest contender has been timed for a minimum total, so short epochs get more rounds.
 */
public final class Harness {
    /** Upper bound on rounds, whatever the epoch length. */
    private static final int MAX_ROUNDS = 50;

    private final int warmupEpochs;
    private final double warmupSeconds;
    private final int repetitions;
    private final double timedSeconds;

    /**
     * Seconds of each timed epoch and the loss after the last one, or the failure that stopped the
     * contender (then {@code seconds} is empty).
     */
    public record Timing(double[] seconds, double lastLoss, Throwable failure) {

        /** Whether every epoch ran. */
        public boolean ok() {
            return failure == null;
        }

        /** Fastest epoch in seconds. */
        public double min() {
            return Arrays.stream(seconds).min().orElse(Double.NaN);
        }

        /** Median epoch in seconds (mean of the middle two for an even count). */
        public double median() {
            double[] s = seconds.clone();
            Arrays.sort(s);
            int n = s.length;
            return n == 0 ? Double.NaN : n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
        }

        /** Training throughput at the median epoch. */
        public double samplesPerSecond(int rowsPerEpoch) {
            return rowsPerEpoch / median();
        }
    }

    /**
     * @param warmupEpochs  minimum untimed epochs per contender (at least 0)
     * @param warmupSeconds minimum untimed seconds per contender
     * @param repetitions   minimum timed epochs per contender (at least 1)
     * @param timedSeconds  minimum total timed seconds of the slowest contender, reached by adding rounds
     *                      (at most {@value #MAX_ROUNDS})
     */
    public Harness(int warmupEpochs, double warmupSeconds, int repetitions, double timedSeconds) {
        if (warmupEpochs < 0 || repetitions < 1) {
            throw new IllegalArgumentException("warm-up >= 0 and repetitions >= 1, got " + warmupEpochs + ", " + repetitions);
        }
        this.warmupEpochs = warmupEpochs;
        this.warmupSeconds = warmupSeconds;
        this.repetitions = repetitions;
        this.timedSeconds = timedSeconds;
    }

    /**
     * Warms up each epoch function, then times them in interleaved rounds. A function that throws is
     * dropped from later rounds and reported with its failure; the others carry on.
     *
     * @param epochs one function per contender; each trains one epoch and returns its last loss
     * @return one timing per function, in the same order
     */
    public List<Timing> time(List<DoubleSupplier> epochs) {
        int k = epochs.size();
        Throwable[] failure = new Throwable[k];
        warmUp(epochs, failure);
        List<List<Double>> seconds = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            seconds.add(new ArrayList<>());
        }
        double[] loss = new double[k];
        double slowestTotal = 0;
        for (int r = 0; r < MAX_ROUNDS && (r < repetitions || slowestTotal < timedSeconds); r++) {
            slowestTotal = 0;
            for (int i = 0; i < k; i++) {
                int c = r % 2 == 0 ? i : k - 1 - i;
                if (failure[c] != null) {
                    continue;
                }
                try {
                    long t0 = System.nanoTime();
                    loss[c] = epochs.get(c).getAsDouble();
                    seconds.get(c).add((System.nanoTime() - t0) / 1e9);
                } catch (RuntimeException e) {
                    failure[c] = e;
                }
            }
            for (int c = 0; c < k; c++) {
                if (failure[c] == null) {
                    slowestTotal = Math.max(slowestTotal, sum(seconds.get(c)));
                }
            }
        }
        List<Timing> out = new ArrayList<>(k);
        for (int c = 0; c < k; c++) {
            out.add(failure[c] == null
                    ? new Timing(toArray(seconds.get(c)), loss[c], null)
                    : new Timing(new double[0], Double.NaN, failure[c]));
        }
        return out;
    }

    /**
     * Runs warm-up rounds, one epoch of every contender each, until there were {@code warmupEpochs}
     * rounds and every contender spent {@code warmupSeconds}; all contenders thus train the same number
     * of epochs, which keeps their reported losses comparable. Marks failures in {@code failure}.
     */
    private void warmUp(List<DoubleSupplier> epochs, Throwable[] failure) {
        int k = epochs.size();
        double[] spent = new double[k];
        for (int round = 0; ; round++) {
            boolean done = round >= warmupEpochs;
            for (int c = 0; c < k; c++) {
                done &= failure[c] != null || spent[c] >= warmupSeconds;
            }
            if (done) {
                return;
            }
            for (int c = 0; c < k; c++) {
                if (failure[c] != null) {
                    continue;
                }
                try {
                    long t0 = System.nanoTime();
                    epochs.get(c).getAsDouble();
                    spent[c] += (System.nanoTime() - t0) / 1e9;
                } catch (RuntimeException e) {
                    failure[c] = e;
                }
            }
        }
    }

    private static double sum(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).sum();
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
