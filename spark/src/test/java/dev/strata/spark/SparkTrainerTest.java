package dev.strata.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.activations.Activation;
import dev.strata.callbacks.ModelCheckpoint;
import dev.strata.data.Features;
import dev.strata.init.Initializer;
import dev.strata.layers.Dense;
import dev.strata.losses.Loss;
import dev.strata.model.Model;
import dev.strata.model.ModelBuilder;
import dev.strata.model.TensorRef;
import dev.strata.ops.DType;
import dev.strata.ops.Tensor;
import dev.strata.optimizers.Optimizer;
import dev.strata.spark.training.SparkTrainer;
import dev.strata.training.CompileOptions;
import dev.strata.training.FitOptions;
import dev.strata.training.History;
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
    static final int PER_PARTITION = 40, B = 8;
    static final Features FEATURES = new Features(Map.of("x", List.of("f0", "f1", "f2")), Map.of("y", List.of("y")));
    @TempDir Path dir;

    /** 3 → Dense 4 tanh → Dense 1, MSE. */
    static Model model(Optimizer optimizer) {
        ModelBuilder b = new ModelBuilder().name("tiny");
        TensorRef x = b.input("x", 3);
        TensorRef h = b.apply(new Dense("h", 4, Activation.TANH, true, new Initializer.GlorotUniform(), Initializer.zeros(), null, null, true), x);
        b.output("y", b.apply(new Dense("out", 1, Activation.LINEAR, true, new Initializer.GlorotUniform(), Initializer.zeros(), null, null, true), h));
        Model m = b.build(5, DType.FLOAT32);
        m.compile(CompileOptions.builder().optimizer(optimizer).loss("y", new Loss.MeanSquaredError()).build());
        return m;
    }

    /** Rows: 3 features and y = x0 − 2·x1 + 0.5·x2 + noise. */
    static float[][] rows(int n) {
        SplittableRandom r = new SplittableRandom(9);
        float[][] out = new float[n][4];
        for (float[] row : out) {
            for (int j = 0; j < 3; j++) row[j] = (float) r.nextGaussian();
            row[3] = (float) (row[0] - 2 * row[1] + 0.5 * row[2] + 0.1 * r.nextGaussian());
        }
        return out;
    }

    /** Rows 0..n/2-1 in partition 0 and the rest in partition 1, in order (parallelize slices contiguously). */
    static Dataset<Row> frame(SparkSession spark, float[][] data, int partitions) {
        List<Row> rows = new ArrayList<>();
        for (float[] d : data) rows.add(RowFactory.create((double) d[0], (double) d[1], (double) d[2], (double) d[3]));
        StructType schema = new StructType().add("f0", DataTypes.DoubleType).add("f1", DataTypes.DoubleType)
                .add("f2", DataTypes.DoubleType).add("y", DataTypes.DoubleType);
        return spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, partitions), schema);
    }

    /** The single-machine order: step i takes partition 0's batch i, then partition 1's. */
    static Map<String, Tensor>[] interleaved(float[][] data) {
        float[][] x = new float[data.length][], y = new float[data.length][];
        int at = 0;
        for (int step = 0; step < PER_PARTITION / B; step++) {
            for (int p = 0; p < 2; p++) {
                for (int r = 0; r < B; r++) {
                    float[] d = data[p * PER_PARTITION + step * B + r];
                    x[at] = new float[] {d[0], d[1], d[2]};
                    y[at++] = new float[] {d[3]};
                }
            }
        }
        @SuppressWarnings("unchecked")
        Map<String, Tensor>[] xy = new Map[] {Map.of("x", Tensor.of(x)), Map.of("y", Tensor.of(y))};
        return xy;
    }

    static void assertSameWeights(Model expected, Model got, double tolerance) {
        List<Tensor> e = expected.getWeights(), g = got.getWeights();
        assertEquals(e.size(), g.size());
        for (int i = 0; i < e.size(); i++) {
            double[] a = e.get(i).toDoubleArray(), b = g.get(i).toDoubleArray();
            for (int j = 0; j < a.length; j++) assertEquals(a[j], b[j], tolerance, "weight " + i + " value " + j);
        }
    }

    @Test
    void badDataFailsWithTheColumnNamed() {
        SparkSession spark = LocalSpark.get();
        List<Row> rows = List.of(RowFactory.create(1.0, 2.0, 3.0, 1.0), RowFactory.create(1.0, null, 3.0, 1.0));
        StructType schema = new StructType().add("f0", DataTypes.DoubleType).add("f1", DataTypes.DoubleType)
                .add("f2", DataTypes.DoubleType).add("y", DataTypes.DoubleType);
        Dataset<Row> df = spark.createDataFrame(rows, schema);
        Exception e = assertThrows(Exception.class,
                () -> new SparkTrainer(model(new Optimizer.Adam()), FEATURES).fit(df, FitOptions.builder().epochs(1).verbose(0).build()));
        assertTrue(e.getMessage().contains("column 'f1' is null"), e.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> new SparkTrainer(model(new Optimizer.Adam()),
                new Features(Map.of("x", List.of("f0", "f1", "f9")), Map.of("y", List.of("y")))).fit(df, FitOptions.builder().verbose(0).build()));
        assertTrue(missing.getMessage().contains("no column 'f9'"), missing.getMessage());
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
                () -> new SparkTrainer(model(new Optimizer.Adam()), FEATURES).fit(df.repartition(3), FitOptions.builder().verbose(0).build()));
        assertTrue(tooMany.getMessage().contains("3 partitions but Spark runs 2 tasks at once"), tooMany.getMessage());
    }
}
