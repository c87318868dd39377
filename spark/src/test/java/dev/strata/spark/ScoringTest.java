package dev.strata.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.activations.Activation;
import dev.strata.data.MinMaxScaler;
import dev.strata.data.Preprocessing;
import dev.strata.data.PreprocessingStep;
import dev.strata.init.Initializer;
import dev.strata.layers.Dense;
import dev.strata.model.Model;
import dev.strata.model.ModelBuilder;
import dev.strata.model.TensorRef;
import dev.strata.ops.DType;
import dev.strata.ops.Tensor;
import dev.strata.spark.scoring.SparkScorer;
import dev.strata.spark.scoring.StrataSql;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoringTest {
    static final int ROWS = 5_000;
    @TempDir Path dir;

    /** 3 inputs → Dense 8 relu → "a" (1 value) and "b" (2 values, softmax). */
    static Model model() {
        ModelBuilder b = new ModelBuilder().name("scored");
        TensorRef x = b.input("x", 3);
        TensorRef h = b.apply(new Dense("h", 8, Activation.RELU, true, new Initializer.GlorotUniform(), Initializer.zeros(), null, null, true), x);
        b.output("a", b.apply(new Dense("a_out", 1, Activation.LINEAR, true, new Initializer.GlorotUniform(), new Initializer.Constant(0.5), null, null, true), h));
        b.output("b", b.apply(new Dense("b_out", 2, Activation.SOFTMAX, true, new Initializer.GlorotUniform(), Initializer.zeros(), null, null, true), h));
        return b.build(11, DType.FLOAT32);
    }

    static float[][] features(int rows) {
        SplittableRandom r = new SplittableRandom(3);
        float[][] x = new float[rows][3];
        for (float[] row : x) for (int j = 0; j < 3; j++) row[j] = (float) (r.nextDouble() * 20 - 5);
        return x;
    }

    static Dataset<Row> frame(SparkSession spark, float[][] x, int partitions) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < x.length; i++) rows.add(RowFactory.create((long) i, (double) x[i][0], (double) x[i][1], (double) x[i][2]));
        StructType schema = new StructType().add("id", DataTypes.LongType).add("f0", DataTypes.DoubleType)
                .add("f1", DataTypes.DoubleType).add("f2", DataTypes.DoubleType);
        return spark.createDataFrame(rows, schema).repartition(partitions);
    }

    @Test
    void scoresEveryPartitionExactlyAsOneMachineWithOneLoadPerJvm() throws Exception {
        SparkSession spark = LocalSpark.get();
        Model m = model();
        Path file = dir.resolve("scored.strata");
        m.save(file);
        float[][] x = features(ROWS);

        int before = ModelBytes.cacheLoads();
        // Collected without sorting: partitions in order, rows in partition order, as they were scored.
        List<Row> got = SparkScorer.load(spark, file).inputs(Map.of("x", List.of("f0", "f1", "f2"))).keep("id", "pid").batchSize(256)
                .transform(frame(spark, x, 4).withColumn("pid", functions.spark_partition_id())).collectAsList();
        assertEquals(1, ModelBytes.cacheLoads() - before, "one load of the model in this JVM for 4 partitions");
        assertEquals(ROWS, got.size());
        assertEquals(4, got.stream().map(r -> r.getInt(1)).distinct().count());
        // One machine predicting the same rows in the same batches gives the same floats, bit for bit.
        int start = 0;
        while (start < got.size()) {
            int end = start;
            while (end < got.size() && got.get(end).getInt(1) == got.get(start).getInt(1)) end++;
            for (int from = start; from < end; from += 256) {
                int to = Math.min(end, from + 256);
                float[][] chunk = new float[to - from][];
                for (int i = from; i < to; i++) chunk[i - from] = x[(int) got.get(i).getLong(0)];
                Map<String, Tensor> expected = m.predictAll(Map.of("x", Tensor.of(chunk)));
                float[] a = expected.get("a").toFloatArray(), b = expected.get("b").toFloatArray();
                for (int i = from; i < to; i++) {
                    Row r = got.get(i);
                    assertEquals(a[i - from], r.getFloat(2), 0.0, "row " + r.getLong(0) + " output a");
                    List<Object> bs = r.getList(3);
                    assertEquals(b[2 * (i - from)], (Float) bs.get(0), 0.0);
                    assertEquals(b[2 * (i - from) + 1], (Float) bs.get(1), 0.0);
                }
            }
            start = end;
        }
        // Against one predict over all rows at once: OpenBLAS picks its kernels by the batch's row count, so a
        // row's float32 result can differ in the last bits between batch compositions (on one machine too).
        float[] all = m.predictAll(Map.of("x", Tensor.of(x))).get("a").toFloatArray();
        for (Row r : got) assertEquals(all[(int) r.getLong(0)], r.getFloat(2), 1e-5 * Math.max(1, Math.abs(all[(int) r.getLong(0)])));
        assertEquals(List.of("id", "a", "b"), List.of(SparkScorer.load(spark, file).inputs(Map.of("x", List.of("f0", "f1", "f2"))).keep("id")
                .transform(frame(spark, x, 2)).schema().fieldNames()));
    }

    @Test
    void rawColumnsGoThroughTheSavedPreprocessing() throws Exception {
        SparkSession spark = LocalSpark.get();
        Model m = model();
        float[][] x = features(500);
        MinMaxScaler scaler = MinMaxScaler.fit(x);
        List<String> cols = List.of("f0", "f1", "f2");
        new Preprocessing(List.of(new PreprocessingStep.MinMax(cols, scaler)), Map.of("x", cols)).saveTo(m.metadata());

        List<Row> got = SparkScorer.of(spark, m).raw().keep("id").batchSize(1000).transform(frame(spark, x, 1)).collectAsList();
        float[][] ordered = new float[x.length][];
        for (int i = 0; i < x.length; i++) ordered[i] = x[(int) got.get(i).getLong(0)];
        float[] a = m.predictAll(Map.of("x", Tensor.of(scaler.transform(ordered)))).get("a").toFloatArray();
        for (int i = 0; i < x.length; i++) assertEquals(a[i], got.get(i).getFloat(1), 0.0, "row " + got.get(i).getLong(0));
    }

    @Test
    void sqlFunctionPredictsRowByRow() throws Exception {
        SparkSession spark = LocalSpark.get();
        Model m = model();
        Path file = dir.resolve("sql.strata");
        m.save(file);
        float[][] x = features(50);
        frame(spark, x, 2).createOrReplaceTempView("readings");
        StrataSql.register(spark, "scored", file);
        List<Row> got = spark.sql("SELECT id, scored(array(f0, f1, f2)).a AS a, scored(array(f0, f1, f2)).b AS b FROM readings ORDER BY id").collectAsList();
        Map<String, Tensor> expected = m.predictAll(Map.of("x", Tensor.of(x)));
        float[] a = expected.get("a").toFloatArray();
        for (int i = 0; i < x.length; i++) assertEquals(a[i], got.get(i).getFloat(1), 0.0, "row " + i);
        assertEquals(2, got.get(0).getList(2).size());
    }

    @Test
    void badMappingsAreNamed() throws Exception {
        SparkSession spark = LocalSpark.get();
        Model m = model();
        Dataset<Row> df = frame(spark, features(10), 1);
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> SparkScorer.of(spark, m).inputs(Map.of("x", List.of("f0", "f1", "nope"))).transform(df));
        assertTrue(missing.getMessage().contains("no column 'nope'"), missing.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> SparkScorer.of(spark, m).inputs(Map.of("y", List.of("f0"))).transform(df));
        assertTrue(unknown.getMessage().contains("unknown model input 'y'"), unknown.getMessage());
        IllegalStateException noPrep = assertThrows(IllegalStateException.class, () -> SparkScorer.of(spark, m).raw().transform(df));
        assertTrue(noPrep.getMessage().contains("no saved preprocessing"), noPrep.getMessage());
        Exception width = assertThrows(Exception.class,
                () -> SparkScorer.of(spark, m).inputs(Map.of("x", List.of("f0", "f1"))).transform(df).collectAsList());
        assertTrue(String.valueOf(width.getMessage()).contains("2 features per row, the model input takes 3"), width.getMessage());
        assertArrayEquals(new String[] {"id", "f0", "f1", "f2", "p_a", "p_b"},
                SparkScorer.of(spark, m).inputs(Map.of("x", List.of("f0", "f1", "f2"))).outputPrefix("p_").transform(df).schema().fieldNames());
    }
}
