package dev.strata.spark.training;

import dev.strata.model.Model;
import dev.strata.spark.ModelBytes;
import dev.strata.training.GradientStep;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * One epoch of one replica inside a barrier stage. Every replica takes the same number of steps
 * (that of the largest shard; a replica out of rows contributes with weight 0), so every
 * exchange is joined by all replicas, and all get the same average bit for bit.
 */
final class ReplicaEpoch implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final Broadcast<ModelBytes> model;
    private final TrainingMode mode;
    private final int epoch;
    private final int batchSize;
    private final boolean shuffle;
    private final Collective collective;
    private final double learningRate;

    /** {@code learningRate}: the driver's rate for this epoch (a schedule callback may have set it; the model file does not carry it). */
    ReplicaEpoch(Broadcast<ModelBytes> model, TrainingMode mode, Collective collective, int epoch, int batchSize, boolean shuffle, double learningRate) {
        this.collective = collective;
        this.learningRate = learningRate;
        this.model = model;
        this.mode = mode;
        this.epoch = epoch;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
    }

    Iterator<EpochOutcome> run(Iterator<Shard> shards) {
        BarrierTaskContext ctx = BarrierTaskContext.get();
        int me = ctx.partitionId();
        Shard shard = shards.hasNext() ? shards.next() : new Shard(0, Map.of(), Map.of(), Map.of());
        Model replica = model.value().load();
        if (replica.trainer().learningRate() != learningRate) replica.trainer().setLearningRate(learningRate);
        GradientStep step = new GradientStep(replica);
        long seed = replica.seed();
        step.reseed(seed * 7919 + epoch + 104_729L * me);
        int[] order = order(shard.rows, seed * 31 + epoch + 1_000_003L * me);

        // One rendezvous: every shard's size (all replicas take the largest shard's number of steps) and replica 0's address.
        ServerSocket server = collective == Collective.SOCKETS && me == 0 ? SocketExchange.listen(ctx) : null;
        String[] hello = ctx.allGather(shard.rows + ";" + (server == null ? "" : SocketExchange.address(server)));
        int steps = 0;
        for (String h : hello) steps = Math.max(steps, (Integer.parseInt(h.substring(0, h.indexOf(';'))) + batchSize - 1) / batchSize);
        String zero = hello[0].substring(hello[0].indexOf(';') + 1);

        Map<String, Double> lossSums = new LinkedHashMap<>();
        try (Exchange exchange = collective == Collective.SOCKETS ? new SocketExchange(ctx, server, zero) : new AllGatherExchange(ctx)) {
            float[] local = new float[step.gradientSize()];
            long rowsSinceAverage = 0;
            long loopStart = System.nanoTime();
            for (int s = 0; s < steps; s++) {
                int from = Math.min(shard.rows, s * batchSize), to = Math.min(shard.rows, from + batchSize);
                int n = to - from;
                Map<String, Double> logs = Map.of();
                if (mode instanceof TrainingMode.ParameterAveraging pa) {
                    if (n > 0) {
                        logs = step.compute(shard.batch(order, from, to), local);
                        step.apply(local);
                    }
                    rowsSinceAverage += n;
                    if ((s + 1) % pa.everySteps() == 0 || s == steps - 1) {
                        float[] averaged = exchange.average(step.weights(), rowsSinceAverage);
                        if (averaged != null) step.setWeights(averaged);
                        rowsSinceAverage = 0;
                    }
                } else {
                    if (n > 0) logs = step.compute(shard.batch(order, from, to), local);
                    else Arrays.fill(local, 0f);
                    float[] averaged = exchange.average(local, n);
                    if (averaged != null) step.apply(averaged);
                }
                for (Map.Entry<String, Double> e : logs.entrySet()) lossSums.merge(e.getKey(), e.getValue() * n, Double::sum);
            }
            long loopNanos = System.nanoTime() - loopStart;
            byte[] saved = me == 0 ? ModelBytes.of(replica).bytes() : null;
            return List.of(new EpochOutcome(me, saved, lossSums, shard.rows, steps, exchange.calls(), exchange.nanos(), exchange.messageBytes(), loopNanos)).iterator();
        }
    }

    private int[] order(int rows, long shuffleSeed) {
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) order[i] = i;
        if (shuffle) {
            SplittableRandom r = new SplittableRandom(shuffleSeed);
            for (int i = rows - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        return order;
    }

    /** Collected replica outcomes, partition 0 first. */
    static List<EpochOutcome> sorted(List<EpochOutcome> outcomes) {
        List<EpochOutcome> s = new ArrayList<>(outcomes);
        s.sort(java.util.Comparator.comparingInt(EpochOutcome::partition));
        return s;
    }
}
