package dev.strata.spark.training;

import dev.strata.data.Features;
import dev.strata.model.Model;
import dev.strata.ops.Tensor;
import dev.strata.optimizers.Optimizer;
import dev.strata.spark.ModelBytes;
import dev.strata.spark.RowColumns;
import dev.strata.training.Callback;
import dev.strata.training.FitOptions;
import dev.strata.training.History;
import dev.strata.training.Trainer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Data-parallel training of a compiled Strata model on a Spark {@code Dataset<Row>}: one replica
 * per partition in a barrier stage per epoch.
 *
 * <p>Synchronous by default: at every step each replica computes the gradients of its shard's
 * next batch of {@code batchSize} rows, the replicas swap them with
 * {@code BarrierTaskContext.allGather}, and each applies their row-weighted mean through its
 * optimizer, so the replicas never diverge and N partitions with batch B train as one machine
 * with batch N·B on the same rows. {@link #averageEvery(int)} switches to parameter averaging
 * (each replica steps on its own gradients and the weights are averaged every k steps), which
 * talks k times less on slow networks.
 *
 * <p>The driver keeps the model: after each epoch it takes replica 0's weights and optimizer
 * state, combines the replicas' losses and metrics (row-weighted: exact for losses, the mean of
 * shard values for metrics such as R²) into the {@link History}, and runs the callbacks there
 * ({@code onBatchEnd} is replayed after the epoch with each step's losses). A checkpoint saved
 * by a callback holds the optimizer state, so training resumes from it with
 * {@link FitOptions#initialEpoch()}.
 *
 * <pre>{@code
 * model.compile(...);
 * History h = new SparkTrainer(model, new Features(Map.of("x", List.of("AT", "AP", "RH")), Map.of("pe", List.of("PE"))))
 *         .fit(df.repartition(4), FitOptions.builder().epochs(20).batchSize(32).build());
 * }</pre>
 */
public final class SparkTrainer {
    private final Model model;
    private final Features features;
    private final int averageEvery;
    private final List<EpochStats> stats = new ArrayList<>();

    /** A synchronous trainer for a compiled model and a column mapping (inputs and targets). */
    public SparkTrainer(Model model, Features features) {
        this(model, features, 0);
    }

    private SparkTrainer(Model model, Features features, int averageEvery) {
        if (!model.isCompiled()) throw new IllegalStateException("model '" + model.name() + "' is not compiled: call compile(...) before training on Spark");
        this.model = model;
        this.features = features;
        this.averageEvery = averageEvery;
    }

    /** Parameter averaging every {@code k} steps instead of gradient averaging every step. */
    public SparkTrainer averageEvery(int k) {
        if (k <= 0) throw new IllegalArgumentException("averaging period must be at least 1 step, got " + k);
        return new SparkTrainer(model, features, k);
    }

    /** Per-epoch costs of the last {@link #fit}: steps, message size, time in exchange and compute. */
    public List<EpochStats> stats() {
        return Collections.unmodifiableList(stats);
    }

    /**
     * What one epoch cost on Spark.
     *
     * @param messageChars characters one replica sent per exchange (Base64 of the vector)
     * @param exchangeSeconds replica 0's time in allGather (with encoding) over the epoch
     * @param computeSeconds replica 0's time computing and applying gradients
     * @param epochSeconds the driver's wall time for the epoch, job scheduling included
     */
    public record EpochStats(int epoch, int partitions, int steps, long messageChars, double exchangeSeconds,
                             double computeSeconds, double epochSeconds) {
    }

    /**
     * Trains for {@code options.epochs()} epochs; {@code batchSize} is per replica. Validation
     * data given by {@code validationData} is evaluated on the driver after each epoch.
     *
     * @throws IllegalStateException when an epoch fails on Spark: the model then holds the weights of the last finished epoch
     */
    public History fit(Dataset<Row> data, FitOptions options) {
        if (options.validationSplit() > 0) {
            throw new IllegalArgumentException("validationSplit is not supported on Spark: split the DataFrame (randomSplit) and pass validationData");
        }
        checkMapping();
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(data.sparkSession().sparkContext());
        int partitions = data.rdd().getNumPartitions();
        int slots = sc.defaultParallelism();
        if (partitions > slots) {
            throw new IllegalArgumentException("the DataFrame has " + partitions + " partitions but Spark runs " + slots
                    + " tasks at once (default parallelism): a barrier stage needs every replica running together; repartition(" + slots + ") or fewer");
        }
        RowColumns inputs = RowColumns.resolve(data.schema(), features.inputs(), "input");
        RowColumns targets = RowColumns.resolve(data.schema(), features.targets(), "target");
        Map<String, int[]> shapes = new LinkedHashMap<>();
        for (String in : model.inputNames()) shapes.put(in, model.graph().inputShape(in));
        JavaRDD<Shard> shards = data.toJavaRDD().mapPartitions(new Packer(inputs, targets, shapes)).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            List<Integer> sizes = shards.map(s -> s.rows).collect();
            int longest = Collections.max(sizes);
            if (longest == 0) throw new IllegalArgumentException("the DataFrame has no rows to train on");
            int steps = (longest + options.batchSize() - 1) / options.batchSize();
            return epochs(sc, shards, partitions, steps, options);
        } finally {
            shards.unpersist(false);
        }
    }

    private History epochs(JavaSparkContext sc, JavaRDD<Shard> shards, int partitions, int steps, FitOptions o) {
        Trainer trainer = model.trainer();
        History history = new History();
        List<Callback> callbacks = new ArrayList<>(o.callbacks());
        stats.clear();
        for (Callback c : callbacks) c.onTrainBegin(trainer);
        for (int epoch = o.initialEpoch(); epoch < o.initialEpoch() + o.epochs() && !trainer.stopRequested(); epoch++) {
            for (Callback c : callbacks) c.onEpochBegin(epoch, trainer);
            long started = System.nanoTime();
            Broadcast<ModelBytes> shared = sc.broadcast(ModelBytes.of(model));
            List<ReplicaResult> results;
            try {
                results = Barrier.mapPartitions(shards, new EpochTask(shared, epoch, learningRateOverride(trainer), o.batchSize(), o.shuffle(),
                        steps, averageEvery), ReplicaResult.class).collect();
            } catch (RuntimeException e) {
                throw new IllegalStateException("epoch " + (epoch + 1) + " failed on Spark: " + rootMessage(e)
                        + " (the model keeps the weights after epoch " + epoch + "; resume from a checkpoint with initialEpoch)", e);
            } finally {
                shared.destroy();
            }
            ReplicaResult first = results.stream().filter(r -> r.partition() == 0).findFirst().orElseThrow();
            adopt(first.model().load());
            Map<String, Double> logs = combine(results);
            if (o.validationX() != null) {
                model.trainer().evaluate(o.validationX(), o.validationY()).forEach((k, v) -> logs.put("val_" + k, v));
            }
            history.append(logs);
            trainer.setEpochsDone(epoch + 1);
            for (int b = 0; b < first.stepLogs().size(); b++) {
                for (Callback c : callbacks) c.onBatchEnd(epoch, b, first.stepLogs().get(b), trainer);
            }
            stats.add(new EpochStats(epoch, partitions, steps, first.messageChars(), first.exchangeNanos() / 1e9, first.computeNanos() / 1e9,
                    (System.nanoTime() - started) / 1e9));
            if (o.verbose() > 0) System.out.println("epoch " + (epoch + 1) + "/" + (o.initialEpoch() + o.epochs()) + " " + logs);
            for (Callback c : callbacks) c.onEpochEnd(epoch, logs, trainer);
        }
        for (Callback c : callbacks) c.onTrainEnd(trainer);
        return history;
    }

    /** The learning rate a schedule set, or NaN when the optimizer's own (decayed per step) rate applies. */
    private static double learningRateOverride(Trainer t) {
        Optimizer opt = t.options().optimizer();
        double own = opt.decayed(opt.learningRate(), t.optimizerState().iterations());
        return t.learningRate() == own ? Double.NaN : t.learningRate();
    }

    /** Takes a replica's weights and optimizer state into the driver's model. */
    private void adopt(Model replica) {
        List<Tensor> weights = replica.getWeights();
        model.setWeights(weights);
        model.trainer().restoreOptimizerState(replica.trainer().optimizerState());
    }

    private static Map<String, Double> combine(List<ReplicaResult> results) {
        Map<String, Double> sums = new LinkedHashMap<>();
        Map<String, Long> rows = new LinkedHashMap<>();
        for (ReplicaResult r : results) {
            r.logs().forEach((k, v) -> {
                sums.merge(k, v * r.rows(), Double::sum);
                rows.merge(k, (long) r.rows(), Long::sum);
            });
        }
        Map<String, Double> out = new LinkedHashMap<>();
        sums.forEach((k, v) -> out.put(k, v / rows.get(k)));
        return out;
    }

    private void checkMapping() {
        for (String in : model.inputNames()) {
            if (!features.inputs().containsKey(in)) throw new IllegalArgumentException("no columns given for model input '" + in + "'; the features map " + features.inputs().keySet());
        }
        for (String in : features.inputs().keySet()) {
            if (!model.inputNames().contains(in)) throw new IllegalArgumentException("unknown model input '" + in + "'; the model's inputs are " + model.inputNames());
        }
        for (String out : model.trainer().losses().keySet()) {
            if (!features.targets().containsKey(out)) throw new IllegalArgumentException("no target columns given for output '" + out + "'; the features map " + features.targets().keySet());
        }
    }

    private static String rootMessage(Throwable e) {
        String msg = e.getMessage();
        for (Throwable t = e; t != null; t = t.getCause()) if (t.getMessage() != null) msg = t.getClass().getSimpleName() + ": " + t.getMessage();
        String first = msg == null ? e.toString() : msg.lines().findFirst().orElse(msg);
        return first;
    }
}
