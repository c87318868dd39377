package dev.strata.training;

import dev.strata.ops.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Batches cut from in-memory tensors, reshuffled every epoch from {@code seed + epoch} so that a
 * run (and a resumed run) is reproducible.
 */
public final class ArrayBatchSource implements BatchSource {
    private final Map<String, Tensor> inputs;
    private final Map<String, Tensor> targets;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    private final int rows;

    public ArrayBatchSource(Map<String, Tensor> inputs, Map<String, Tensor> targets, int batchSize, boolean shuffle, long seed) {
        if (batchSize <= 0) throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        this.inputs = new LinkedHashMap<>(inputs);
        this.targets = new LinkedHashMap<>(targets);
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.seed = seed;
        int n = -1;
        String first = null;
        Map<String, Tensor> all = new LinkedHashMap<>(inputs);
        targets.forEach((k, v) -> all.put("target '" + k + "'", v));
        for (Map.Entry<String, Tensor> e : all.entrySet()) {
            int r = e.getValue().rows();
            if (n == -1) {
                n = r;
                first = e.getKey();
            } else if (r != n) {
                throw new IllegalArgumentException("'" + e.getKey() + "' has " + r + " rows but '" + first + "' has " + n);
            }
        }
        if (n <= 0) throw new IllegalArgumentException("no training rows");
        this.rows = n;
    }

    /** Number of rows. */
    public int rows() {
        return rows;
    }

    @Override
    public long batchesPerEpoch() {
        return (rows + batchSize - 1) / batchSize;
    }

    /** The first {@code fraction} of rows and the rest (Keras's validation_split takes the last rows). */
    public ArrayBatchSource[] splitTail(double fraction) {
        int val = (int) Math.round(rows * fraction);
        if (val <= 0 || val >= rows) throw new IllegalArgumentException("validation split " + fraction + " leaves no rows on one side of " + rows);
        int cut = rows - val;
        return new ArrayBatchSource[] {slice(0, cut, shuffle), slice(cut, rows, false)};
    }

    private ArrayBatchSource slice(int from, int to, boolean shuffleIt) {
        Map<String, Tensor> in = new LinkedHashMap<>(), out = new LinkedHashMap<>();
        inputs.forEach((k, v) -> in.put(k, v.rows(from, to)));
        targets.forEach((k, v) -> out.put(k, v.rows(from, to)));
        return new ArrayBatchSource(in, out, batchSize, shuffleIt, seed);
    }

    /** All inputs. */
    public Map<String, Tensor> inputs() {
        return inputs;
    }

    /** All targets. */
    public Map<String, Tensor> targets() {
        return targets;
    }

    @Override
    public Batches epoch(int epoch) {
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) order[i] = i;
        if (shuffle) {
            SplittableRandom r = new SplittableRandom(seed * 31 + epoch);
            for (int i = rows - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        return Batches.of(new java.util.Iterator<>() {
            int from = 0;

            public boolean hasNext() {
                return from < rows;
            }

            public Batch next() {
                int to = Math.min(rows, from + batchSize);
                Batch b = shuffle ? gather(java.util.Arrays.copyOfRange(order, from, to)) : range(from, to);
                from = to;
                return b;
            }
        });
    }

    private Batch range(int from, int to) {
        if (from == 0 && to == rows) return new Batch(inputs, targets);
        Map<String, Tensor> in = new LinkedHashMap<>(), out = new LinkedHashMap<>();
        inputs.forEach((k, v) -> in.put(k, v.rows(from, to)));
        targets.forEach((k, v) -> out.put(k, v.rows(from, to)));
        return new Batch(in, out);
    }

    private Batch gather(int[] idx) {
        Map<String, Tensor> in = new LinkedHashMap<>(), out = new LinkedHashMap<>();
        inputs.forEach((k, v) -> in.put(k, v.gather(idx)));
        targets.forEach((k, v) -> out.put(k, v.gather(idx)));
        return new Batch(in, out);
    }
}
