package dev.strata.spark.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.activations.Activation;
import dev.strata.init.Initializer;
import dev.strata.layers.Dense;
import dev.strata.model.Model;
import dev.strata.model.ModelBuilder;
import dev.strata.model.TensorRef;
import dev.strata.ops.DType;
import dev.strata.ops.Tensor;
import dev.strata.optimizers.Optimizer;
import dev.strata.spark.LocalSpark;
import dev.strata.training.CompileOptions;
import dev.strata.training.FitOptions;
import dev.strata.training.GradientStep;
import dev.strata.training.History;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkTrainerTest {
    static final int B = 8;
    static final int ROWS = 96;
    static final Map<String, List<String>> X = Map.of("x", List.of("f0", "f1", "f2"));
    static final Map<String, List<String>> Y = Map.of("y", List.of("t"));
    @TempDir Path dir;

    /** 3 inputs → Dense 8 tanh → Dense 1, MSE. */
    static Model model(Optimizer optimizer) {
        ModelBuilder b = new ModelBuilder().name("tiny");
        TensorRef x = b.input("x", 3);
        TensorRef h = b.apply(new Dense("h", 8, Activation.TANH, true, new Initializer.GlorotUniform(), Initializer.zeros(), null, null, true), x);
        b.output("y", b.apply(new Dense("y_out", 1, Activation.LINEAR, true, new Initializer.GlorotUniform(), Initializer.zeros(), null, null, true), h));
        Model m = b.build(7, DType.FLOAT32);
        m.compile(CompileOptions.builder().optimizer(optimizer).loss("mse").build());
        return m;
    }

    static float[][] rows() {
        SplittableRandom r = new SplittableRandom(4);
        float[][] d = new float[ROWS][4];
        for (float[] row : d) {
            for (int j = 0; j < 3; j++) row[j] = (float) r.nextDouble(-2, 2);
            row[3] = (float) (Math.sin(row[0]) + 0.5 * row[1] * row[2]);
        }
        return d;
    }

    static float[] single(Optimizer optimizer, float[][] d, int epochs) {
        Model m = model(optimizer);
        float[] x = new float[ROWS * 3], y = new float[ROWS];
        for (int i = 0; i < ROWS; i++) {
            System.arraycopy(d[i], 0, x, i * 3, 3);
            y[i] = d[i][3];
        }
        m.fit(Tensor.of(x, ROWS, 3), Tensor.of(y, ROWS, 1), FitOptions.builder().epochs(epochs).batchSize(2 * B).shuffle(false).verbose(0).build());
        return new GradientStep(m).weights();
    }

    /**
     * Partition 0 holds the first B rows of every block of 2B, partition 1 the second B: then step
     * s of the replicas sees rows [2Bs, 2Bs+2B) together, the single machine's batch s. The mean
     * loss over 2B rows is the mean of the two halves' means, so the averaged gradient is the
     * single machine's gradient, and the same optimizer update follows.
     */
    static Dataset<Row> interleaved(SparkSession spark, float[][] d) {
        List<Row> ordered = new ArrayList<>();
        for (int half = 0; half < 2; half++) {
            for (int block = 0; block < ROWS / (2 * B); block++) {
                for (int i = 0; i < B; i++) {
                    float[] r = d[block * 2 * B + half * B + i];
                    ordered.add(RowFactory.create((double) r[0], (double) r[1], (double) r[2], (double) r[3]));
                }
            }
        }
        StructType schema = new StructType().add("f0", DataTypes.DoubleType).add("f1", DataTypes.DoubleType)
                .add("f2", DataTypes.DoubleType).add("t", DataTypes.DoubleType);
        // parallelize cuts the list into 2 contiguous halves: the first half is partition 0.
        return spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(ordered, 2), schema);
    }

    static void assertClose(float[] want, float[] got, double tol, String what) {
        assertEquals(want.length, got.length);
        for (int i = 0; i < want.length; i++) assertEquals(want[i], got[i], tol, what + ": weight " + i);
    }

    @Test
    void twoPartitionsWithBatchBEqualOneMachineWithBatch2B() {
        float[][] d = rows();
        Optimizer adam = new Optimizer.Adam(0.01, 0.9, 0.999, 1e-7);
        Model m = model(adam);
        float[] before = new GradientStep(m).weights();
        History h = SparkTrainer.of(m).inputs(X).targets(Y).epochs(3).batchSize(B).shuffle(false).fit(interleaved(LocalSpark.get(), d));
        float[] want = single(adam, d, 3);
        assertClose(want, new GradientStep(m).weights(), 1e-5, "2 partitions vs one machine");
        assertTrue(Math.abs(want[0] - before[0]) > 1e-3, "training moved the weights");
        assertEquals(3, h.epochs());
        assertEquals(3 * ROWS / (2 * B), m.trainer().optimizerState().iterations(), "one optimizer step per pair of batches");
        assertTrue(h.get("loss").get(2) < h.get("loss").get(0), "loss falls: " + h.get("loss"));
        // 41 weights: replica 0 sends the other replica an 8-byte row count and 4 bytes per weight.
        assertEquals(8 + 4 * 41, h.last("message_bytes"));
    }

    @Test
    void sparksAllGatherGivesTheSameTraining() {
        float[][] d = rows();
        Optimizer adam = new Optimizer.Adam(0.01, 0.9, 0.999, 1e-7);
        Model m = model(adam);
        History h = SparkTrainer.of(m).inputs(X).targets(Y).epochs(1).batchSize(B).shuffle(false).collective(Collective.ALL_GATHER)
                .fit(interleaved(LocalSpark.get(), d));
        assertClose(single(adam, d, 1), new GradientStep(m).weights(), 1e-5, "allGather");
        // Base64 of a 4-byte header count, one 8-byte header (rows) and 4 bytes per weight.
        assertEquals(4 * Math.ceil((4 + 8 + 4 * 41) / 3.0), h.last("message_bytes"));
    }

    @Test
    void parameterAveragingEveryStepWithPlainSgdIsSynchronousTraining() {
        // w - lr·g_0 and w - lr·g_1 averaged is w - lr·(g_0 + g_1)/2: the synchronous step.
        float[][] d = rows();
        Optimizer sgd = new Optimizer.SGD(0.1, 0, false, 0);
        Model m = model(sgd);
        SparkTrainer.of(m).inputs(X).targets(Y).epochs(2).batchSize(B).shuffle(false).mode(TrainingMode.averageEvery(1)).fit(interleaved(LocalSpark.get(), d));
        assertClose(single(sgd, d, 2), new GradientStep(m).weights(), 1e-5, "averaging every step");
    }

    @Test
    void resumesFromTheCheckpointAsAnUninterruptedRun() throws Exception {
        Dataset<Row> df = interleaved(LocalSpark.get(), rows());
        Optimizer adam = new Optimizer.Adam(0.01, 0.9, 0.999, 1e-7);
        Model straight = model(adam);
        SparkTrainer.of(straight).inputs(X).targets(Y).epochs(3).batchSize(B).fit(df);

        Path ckpt = dir.resolve("tiny.ckpt.strata");
        SparkTrainer.of(model(adam)).inputs(X).targets(Y).epochs(2).batchSize(B).checkpoint(ckpt).fit(df);
        assertEquals(2, Model.load(ckpt).trainer().epochsDone());
        Model resumed = model(adam);
        History h = SparkTrainer.of(resumed).inputs(X).targets(Y).epochs(3).batchSize(B).checkpoint(ckpt).fit(df);
        assertEquals(List.of(2), h.epochIndices(), "only the missing epoch ran");
        assertArrayEquals(new GradientStep(straight).weights(), new GradientStep(resumed).weights());
        assertEquals(3, Model.load(ckpt).trainer().epochsDone());
        assertTrue(Files.size(ckpt) > 0);
    }

    @Test
    void aFailedTaskFailsTheStageNamingTheCause() {
        SparkSession spark = LocalSpark.get();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 20; i++) rows.add(RowFactory.create(1.0, i == 13 ? null : 2.0, 3.0, 4.0));
        StructType schema = new StructType().add("f0", DataTypes.DoubleType).add("f1", DataTypes.DoubleType)
                .add("f2", DataTypes.DoubleType).add("t", DataTypes.DoubleType);
        Dataset<Row> df = spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, 2), schema);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SparkTrainer.of(model(new Optimizer.SGD(0.1, 0, false, 0))).inputs(X).targets(Y).epochs(1).fit(df));
        assertTrue(e.getMessage().startsWith("Spark training failed in epoch 1 (2 replicas): "), e.getMessage());
        assertTrue(e.getMessage().contains("column 'f1' is null in row 3 of a batch"), e.getMessage());
    }

    @Test
    void morePartitionsThanTaskSlotsIsRefusedBeforeStarting() {
        Dataset<Row> df = interleaved(LocalSpark.get(), rows()).repartition(3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkTrainer.of(model(new Optimizer.SGD(0.1, 0, false, 0))).inputs(X).targets(Y).fit(df));
        assertEquals("training needs every partition running at once (a barrier stage): the DataFrame has 3 partitions but the cluster has 2 task slots; repartition(2) or fewer", e.getMessage());
    }
}
