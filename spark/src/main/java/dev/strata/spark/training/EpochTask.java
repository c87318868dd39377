package dev.strata.spark.training;

import dev.strata.model.Model;
import dev.strata.ops.DType;
import dev.strata.ops.Parameter;
import dev.strata.ops.Tensor;
import dev.strata.spark.ModelBytes;
import dev.strata.training.Trainer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;

/**
 * One replica's epoch in a barrier stage: its own copy of the model, then {@code steps} steps on
 * its shard. Synchronous mode swaps every step's gradients (row-weighted average, applied by
 * every replica through the same optimizer state); averaging mode steps locally and swaps the
 * weights every {@code averageEvery} steps and at the end of the epoch.
 */
final class EpochTask implements FlatMapFunction<Iterator<Shard>, ReplicaResult> {
    private static final long serialVersionUID = 1L;
    /**
     * Replicas in one JVM (local mode) take turns to compute: ND4J's native casts and copies gave
     * wrong values when two threads trained two models at once (measured: replicas diverged).
     */
    private static final Object COMPUTE = new Object();

    private final Broadcast<ModelBytes> model;
    private final int epoch;
    private final double learningRate;
    private final int batchSize;
    private final boolean shuffle;
    private final int steps;
    private final int averageEvery;

    EpochTask(Broadcast<ModelBytes> model, int epoch, double learningRate, int batchSize, boolean shuffle, int steps, int averageEvery) {
        this.model = model;
        this.epoch = epoch;
        this.learningRate = learningRate;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.steps = steps;
        this.averageEvery = averageEvery;
    }

    @Override
    public Iterator<ReplicaResult> call(Iterator<Shard> shards) {
        BarrierTaskContext ctx = BarrierTaskContext.get();
        int partition = ctx.partitionId();
        Shard shard = shards.hasNext() ? shards.next() : new Shard(0, Map.of(), Map.of(), Map.of());
        Model m;
        synchronized (COMPUTE) {
            m = model.value().load();
        }
        Trainer trainer = m.trainer();
        if (!Double.isNaN(learningRate)) trainer.setLearningRate(learningRate);
        trainer.beginReplicaEpoch(epoch);
        boolean f64 = m.dtype() == DType.FLOAT64;
        int[] order = order(shard.rows, m.seed(), partition);
        int size = trainer.gradientSize();
        double[] grad = new double[size];
        List<String> logKeys = null;
        List<Map<String, Double>> stepLogs = new ArrayList<>();
        long chars = 0, exchange = 0, compute = 0;
        for (int s = 0; s < steps; s++) {
            int from = Math.min(shard.rows, s * batchSize), to = Math.min(shard.rows, from + batchSize);
            int n = to - from;
            long t0 = System.nanoTime();
            Map<String, Double> logs;
            synchronized (COMPUTE) {
                logs = n > 0 ? trainer.computeGradients(shard.batch(order, from, to), grad) : null;
                if (averageEvery > 0 && n > 0) trainer.applyGradients(grad);
            }
            if (logs != null && logKeys == null) logKeys = List.copyOf(logs.keySet());
            long t1 = System.nanoTime();
            compute += t1 - t0;
            if (averageEvery == 0) {
                double[] logValues = logs == null ? new double[0] : logs.values().stream().mapToDouble(Double::doubleValue).toArray();
                String msg = Exchange.encode(n, logValues, n > 0 ? grad : new double[size], f64);
                chars = msg.length();
                String[] all = ctx.allGather(msg);
                double[] mean = new double[size];
                int total = 0;
                double[] meanLogs = null;
                for (String text : all) {
                    Exchange.Message got = Exchange.decode(text, size, f64);
                    if (got.rows() == 0) continue;
                    total += got.rows();
                    for (int i = 0; i < size; i++) mean[i] += got.rows() * got.vector()[i];
                    if (meanLogs == null) meanLogs = new double[got.logs().length];
                    for (int i = 0; i < meanLogs.length; i++) meanLogs[i] += got.rows() * got.logs()[i];
                }
                for (int i = 0; i < size; i++) mean[i] /= total;
                exchange += System.nanoTime() - t1;
                long t2 = System.nanoTime();
                synchronized (COMPUTE) {
                    trainer.applyGradients(mean);
                }
                compute += System.nanoTime() - t2;
                if (partition == 0 && logKeys != null) stepLogs.add(named(logKeys, meanLogs, total));
            } else {
                if (partition == 0 && logs != null) stepLogs.add(logs);
                if ((s + 1) % averageEvery == 0 || s == steps - 1) {
                    chars = average(ctx, m, f64);
                    exchange += System.nanoTime() - t1;
                }
            }
        }
        Map<String, Double> epochLogs;
        ModelBytes after;
        synchronized (COMPUTE) {
            epochLogs = shard.rows > 0 ? trainer.replicaEpochLogs() : Map.of();
            after = partition == 0 ? ModelBytes.of(m) : null;
        }
        return List.of(new ReplicaResult(partition, shard.rows, epochLogs, after, stepLogs, steps, chars, exchange, compute)).iterator();
    }

    /** This epoch's row order: the shard's own order, or a shuffle seeded by model, epoch and partition. */
    private int[] order(int rows, long seed, int partition) {
        int[] o = new int[rows];
        for (int i = 0; i < rows; i++) o[i] = i;
        if (!shuffle) return o;
        SplittableRandom r = new SplittableRandom(seed * 1_000_003L + epoch * 7919L + partition);
        for (int i = rows - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = o[i];
            o[i] = o[j];
            o[j] = t;
        }
        return o;
    }

    /** Parameter averaging: every replica's weights (all of them, also frozen statistics), mean, set. Returns the message length. */
    private static long average(BarrierTaskContext ctx, Model m, boolean f64) {
        List<Parameter> ps = m.weights().all();
        int size = 0;
        for (Parameter p : ps) size += (int) p.size();
        double[] flat = new double[size];
        int at = 0;
        synchronized (COMPUTE) {
            for (Parameter p : ps) {
                double[] v = p.get().toDoubleArray();
                System.arraycopy(v, 0, flat, at, v.length);
                at += v.length;
            }
        }
        String msg = Exchange.encode(1, new double[0], flat, f64);
        String[] all = ctx.allGather(msg);
        double[] mean = new double[size];
        for (String text : all) {
            double[] v = Exchange.decode(text, size, f64).vector();
            for (int i = 0; i < size; i++) mean[i] += v[i] / all.length;
        }
        at = 0;
        synchronized (COMPUTE) {
            for (Parameter p : ps) {
                int n = (int) p.size();
                p.set(Tensor.of(java.util.Arrays.copyOfRange(mean, at, at + n), p.shape()).to(p.dtype()));
                at += n;
            }
        }
        return msg.length();
    }

    private static Map<String, Double> named(List<String> keys, double[] sums, int rows) {
        Map<String, Double> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) out.put(keys.get(i), sums[i] / rows);
        return out;
    }
}
