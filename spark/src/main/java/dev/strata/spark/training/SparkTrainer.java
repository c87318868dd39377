package dev.strata.spark.training;

import dev.strata.model.Model;
import dev.strata.spark.ModelBytes;
import dev.strata.spark.RowColumns;
import dev.strata.training.Callback;
import dev.strata.training.GradientStep;
import dev.strata.training.History;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import scala.Function1;
import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag$;

/**
 * Data-parallel training of a compiled Strata model on a Spark DataFrame: one replica per
 * partition in a barrier stage per epoch (Spark's barrier execution mode), replicas kept in step
 * by {@link TrainingMode}. The driver's model ends with the trained weights and optimizer state,
 * as after {@code fit}; callbacks run on the driver after each epoch with its logs.
 *
 * <pre>{@code
 * History h = SparkTrainer.of(model)
 *         .inputs(Map.of("x", List.of("AT", "V", "AP", "RH")))
 *         .targets(Map.of("pe", List.of("PE")))
 *         .epochs(20).batchSize(32)                 // rows per replica per step
 *         .checkpoint(Path.of("plant.ckpt.strata")) // saved after every epoch, resumed from if present
 *         .fit(df.repartition(4));                  // 4 replicas: at most the cluster's task slots
 * }</pre>
 *
 * <p>With {@link TrainingMode.Synchronous} (the default) a step on N partitions with batch B is a
 * step of one machine on the N·B rows together. Logs are the row-weighted mean losses over the
 * epoch ({@code loss}, and {@code <output>_loss} for several outputs), plus the exchange cost
 * ({@code exchange_ms}: mean time per exchange, waiting included; {@code message_bytes}: what replica 0 sent in one; {@code steps_s}: replica 0's time in its steps; {@code epoch_s}: the epoch's wall time on the driver); {@code onBatchEnd} is not
 * called (batches run on the executors).
 */
public final class SparkTrainer {
    private final Model model;
    private Map<String, List<String>> inputs;
    private Map<String, List<String>> targets;
    private int epochs = 1;
    private int batchSize = 32;
    private boolean shuffle = true;
    private TrainingMode mode = TrainingMode.synchronous();
    private Collective collective = Collective.SOCKETS;
    private Path checkpoint;
    private final List<Callback> callbacks = new ArrayList<>();
    private int verbose;

    private SparkTrainer(Model model) {
        if (!model.isCompiled()) throw new IllegalStateException("model '" + model.name() + "' is not compiled: compile it before training on Spark");
        this.model = model;
    }

    /** A trainer for a compiled model (trained in place). */
    public static SparkTrainer of(Model model) { return new SparkTrainer(model); }

    /** Model input → columns, in order (numeric columns or numeric arrays). */
    public SparkTrainer inputs(Map<String, List<String>> columns) { this.inputs = new LinkedHashMap<>(columns); return this; }

    /** Trained output → target columns, in order. */
    public SparkTrainer targets(Map<String, List<String>> columns) { this.targets = new LinkedHashMap<>(columns); return this; }

    /** Epochs to reach (counted from 0, including those of a resumed checkpoint). */
    public SparkTrainer epochs(int e) {
        if (e < 1) throw new IllegalArgumentException("epochs must be at least 1, got " + e);
        this.epochs = e;
        return this;
    }

    /** Rows per replica per step. */
    public SparkTrainer batchSize(int b) {
        if (b < 1) throw new IllegalArgumentException("batch size must be at least 1, got " + b);
        this.batchSize = b;
        return this;
    }

    /** Reshuffles each partition's rows every epoch (default true). */
    public SparkTrainer shuffle(boolean s) { this.shuffle = s; return this; }

    /** Gradient averaging every step (default) or parameter averaging every k steps. */
    public SparkTrainer mode(TrainingMode m) { this.mode = m; return this; }

    /** How replicas exchange vectors: TCP through replica 0 (default) or Spark's allGather. */
    public SparkTrainer collective(Collective c) { this.collective = c; return this; }

    /** Saves the model (atomically) after every epoch to this file, and resumes from it when it exists. */
    public SparkTrainer checkpoint(Path file) { this.checkpoint = file; return this; }

    /** Callbacks run on the driver: train begin/end, epoch begin/end. */
    public SparkTrainer callbacks(Callback... cs) { callbacks.addAll(List.of(cs)); return this; }

    /** 1 prints one line per epoch on the driver; 0 (default) is silent. */
    public SparkTrainer verbose(int v) { this.verbose = v; return this; }

    /** Trains on the rows of {@code data}, one replica per partition. */
    public History fit(Dataset<Row> data) {
        if (inputs == null || targets == null) throw new IllegalStateException("SparkTrainer needs inputs(...) and targets(...) before fit");
        for (String t : targets.keySet()) {
            if (!model.trainer().losses().containsKey(t)) throw new IllegalArgumentException("target given for '" + t + "', which is not a trained output; trained outputs are " + model.trainer().losses().keySet());
        }
        for (String in : model.inputNames()) {
            if (!inputs.containsKey(in)) throw new IllegalArgumentException("no columns for model input '" + in + "'; inputs are " + model.inputNames());
        }
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(data.sparkSession().sparkContext());
        int partitions = data.rdd().getNumPartitions();
        int slots = sc.defaultParallelism();
        if (partitions > slots) {
            throw new IllegalArgumentException("training needs every partition running at once (a barrier stage): the DataFrame has " + partitions
                    + " partitions but the cluster has " + slots + " task slots; repartition(" + slots + ") or fewer");
        }
        int start = resume();
        RowColumns in = RowColumns.resolve(data.schema(), inputs, "input");
        RowColumns out = RowColumns.resolve(data.schema(), targets, "target");
        Map<String, int[]> shapes = new LinkedHashMap<>();
        for (String name : model.inputNames()) shapes.put(name, model.graph().inputShape(name));
        JavaRDD<Shard> shards = data.toJavaRDD().mapPartitions(rows -> List.of(pack(rows, in, out, shapes)).iterator())
                .persist(StorageLevel.MEMORY_AND_DISK());
        History history = new History();
        try {
            for (Callback c : callbacks) c.onTrainBegin(model.trainer());
            for (int epoch = start; epoch < epochs && !model.trainer().stopRequested(); epoch++) {
                for (Callback c : callbacks) c.onEpochBegin(epoch, model.trainer());
                long started = System.nanoTime();
                Map<String, Double> logs = runEpoch(sc, shards, epoch, partitions);
                logs.put("epoch_s", (System.nanoTime() - started) / 1e9);
                history.append(epoch, logs);
                model.trainer().setEpochsDone(epoch + 1);
                if (checkpoint != null) model.save(checkpoint);
                if (verbose > 0) System.out.println("Epoch " + (epoch + 1) + "/" + epochs + " on " + partitions + " replicas: " + logs);
                for (Callback c : callbacks) c.onEpochEnd(epoch, logs, model.trainer());
            }
            for (Callback c : callbacks) c.onTrainEnd(model.trainer());
        } finally {
            shards.unpersist(false);
        }
        return history;
    }

    private Map<String, Double> runEpoch(JavaSparkContext sc, JavaRDD<Shard> shards, int epoch, int partitions) {
        Broadcast<ModelBytes> current = sc.broadcast(ModelBytes.of(model));
        ReplicaEpoch task = new ReplicaEpoch(current, mode, collective, epoch, batchSize, shuffle, model.trainer().learningRate());
        @SuppressWarnings("unchecked")
        Function1<scala.collection.Iterator<Shard>, scala.collection.Iterator<EpochOutcome>> f =
                (Function1<scala.collection.Iterator<Shard>, scala.collection.Iterator<EpochOutcome>> & Serializable)
                        it -> CollectionConverters.asScala(task.run(CollectionConverters.asJava(it)));
        List<EpochOutcome> outcomes;
        try {
            outcomes = ReplicaEpoch.sorted(new JavaRDD<>(shards.rdd().barrier().mapPartitions(f, false, ClassTag$.MODULE$.apply(EpochOutcome.class)),
                    ClassTag$.MODULE$.apply(EpochOutcome.class)).collect());
        } catch (Exception e) {
            throw new IllegalStateException("Spark training failed in epoch " + (epoch + 1) + " (" + partitions + " replicas): " + rootMessage(e)
                    + (checkpoint != null ? "; the checkpoint " + checkpoint + " holds the last finished epoch, fit again to resume" : ""), e);
        } finally {
            current.destroy();
        }
        adopt(ModelBytes.of(outcomes.get(0).model()).load());
        return logs(outcomes);
    }

    private static Map<String, Double> logs(List<EpochOutcome> outcomes) {
        Map<String, Double> sums = new LinkedHashMap<>();
        long rows = 0, gathers = 0, nanos = 0;
        for (EpochOutcome o : outcomes) {
            o.lossSums().forEach((k, v) -> sums.merge(k, v, Double::sum));
            rows += o.rows();
            gathers += o.gathers();
            nanos += o.gatherNanos();
        }
        Map<String, Double> logs = new LinkedHashMap<>();
        final long total = rows;
        sums.forEach((k, v) -> logs.put(k, v / total));
        logs.put("exchange_ms", gathers == 0 ? 0.0 : nanos / 1e6 / gathers);
        logs.put("message_bytes", (double) outcomes.get(0).messageChars());
        logs.put("steps_s", outcomes.get(0).stepNanos() / 1e9);
        return logs;
    }

    /** The driver's model takes the replicas' weights and optimizer state. */
    private void adopt(Model trained) {
        new GradientStep(model).setWeights(new GradientStep(trained).weights());
        model.trainer().restoreOptimizerState(trained.trainer().optimizerState());
    }

    /** Continues from the checkpoint when there is one: its weights, optimizer state and epoch count. */
    private int resume() {
        if (checkpoint == null || !Files.exists(checkpoint)) return model.trainer().epochsDone();
        Model saved = Model.load(checkpoint);
        if (saved.countParams(false) != model.countParams(false)) {
            throw new IllegalArgumentException("checkpoint " + checkpoint + " holds a model with " + saved.countParams(false) + " weights, this one has " + model.countParams(false));
        }
        adopt(saved);
        model.trainer().setEpochsDone(saved.trainer().epochsDone());
        return saved.trainer().epochsDone();
    }

    private static Shard pack(java.util.Iterator<Row> rows, RowColumns in, RowColumns out, Map<String, int[]> shapes) {
        List<Row> all = new ArrayList<>();
        rows.forEachRemaining(all::add);
        return new Shard(all.size(), in.gather(all), shapes, out.gather(all));
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
