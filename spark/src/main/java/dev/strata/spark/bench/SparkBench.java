package dev.strata.spark.bench;

import dev.strata.activations.Activation;
import dev.strata.init.Initializer;
import dev.strata.layers.Dense;
import dev.strata.model.Model;
import dev.strata.model.ModelBuilder;
import dev.strata.model.TensorRef;
import dev.strata.ops.DType;
import dev.strata.ops.Tensor;
import dev.strata.optimizers.Optimizer;
import dev.strata.spark.scoring.SparkScorer;
import dev.strata.spark.training.Collective;
import dev.strata.spark.training.SparkTrainer;
import dev.strata.training.CompileOptions;
import dev.strata.training.FitOptions;
import dev.strata.training.History;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Spark benchmarks (not tests): {@code score [rows] [width]} — batched scoring on local[2] against
 * single-JVM batched predict, of E8's shape with hidden layers of {@code width} units (default 10, E8's);
 * {@code train [rows] [epochs]} — a T2-size model (784 → 256 relu →
 * 128 relu → 10 softmax, 235,146 weights, 128 rows per step in total) on local[2] against one
 * machine; {@code gather [steps]} — the same model's step time with Spark's allGather. Prints one
 * {@code BENCH …} line per measurement. Run through {@code samples/spark/bench}.
 */
public final class SparkBench {
    private SparkBench() {
    }

    public static void main(String[] args) {
        String what = args.length > 0 ? args[0] : "score";
        SparkSession spark = SparkSession.builder().appName("strata-spark-bench").master("local[2]")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.ui.enabled", "false").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        try {
            switch (what) {
                case "score" -> score(spark, args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000, args.length > 2 ? Integer.parseInt(args[2]) : 10);
                case "train" -> train(spark, args.length > 1 ? Integer.parseInt(args[1]) : 12_800, args.length > 2 ? Integer.parseInt(args[2]) : 2, Collective.SOCKETS);
                case "gather" -> train(spark, 128 * (args.length > 1 ? Integer.parseInt(args[1]) : 10), 1, Collective.ALL_GATHER);
                default -> throw new IllegalArgumentException("unknown benchmark '" + what + "': expected score, train or gather");
            }
        } finally {
            spark.stop();
        }
    }

    /**
     * The E8 model's shape (3 → width → width → 1, plus a branch). At E8's width of 10 it is so small that
     * scoring cost is per row, not per FLOP; a wider one shows where the model's own work dominates.
     */
    static Model scoringModel(int width) {
        ModelBuilder b = new ModelBuilder().name("scored");
        TensorRef x = b.input("x", 3);
        TensorRef h = b.apply(dense("h1", width, Activation.RELU), x);
        h = b.apply(dense("h2", width, Activation.RELU), h);
        b.output("pe", b.apply(dense("pe_out", 1, Activation.LINEAR), h));
        b.output("v", b.apply(dense("v_out", 1, Activation.LINEAR), b.apply(dense("branch", width, Activation.RELU), h)));
        return b.build(3, DType.FLOAT32);
    }

    static void score(SparkSession spark, int rows, int width) {
        Model m = scoringModel(width);
        Dataset<Row> df = spark.range(rows).repartition(2).select(functions.col("id"), functions.rand(1).as("a"), functions.rand(2).as("b"), functions.rand(3).as("c")).cache();
        df.count();
        float[] flat = new float[rows * 3];
        List<Row> local = df.orderBy("id").select("a", "b", "c").collectAsList();
        for (int i = 0; i < rows; i++) for (int j = 0; j < 3; j++) flat[i * 3 + j] = (float) local.get(i).getDouble(j);
        local = null;
        Tensor x = Tensor.of(flat, rows, 3);
        SparkScorer scorer = SparkScorer.of(spark, m).inputs(Map.of("x", List.of("a", "b", "c"))).keep("id").batchSize(1024);
        for (int trial = 0; trial < 3; trial++) {
            long t0 = System.nanoTime();
            Row sum = scorer.transform(df).agg(functions.sum("pe"), functions.sum("v")).first();
            double spark1 = (System.nanoTime() - t0) / 1e9;
            t0 = System.nanoTime();
            Map<String, Tensor> p = m.predictAll(Map.of("x", x), 1024);
            double single = (System.nanoTime() - t0) / 1e9;
            double localSum = 0;
            for (float v : p.get("pe").toFloatArray()) localSum += v;
            System.out.printf(Locale.ROOT, "BENCH score rows=%d width=%d spark_local2_s=%.3f single_jvm_s=%.3f spark_rows_per_s=%.0f single_rows_per_s=%.0f ratio=%.2f sum_pe_spark=%.3f sum_pe_single=%.3f%n",
                    rows, width, spark1, single, rows / spark1, rows / single, single / spark1, sum.getDouble(0), localSum);
        }
    }

    /** T2's shape. */
    static Model t2() {
        ModelBuilder b = new ModelBuilder().name("t2");
        TensorRef x = b.input("x", 784);
        TensorRef h = b.apply(dense("h1", 256, Activation.RELU), x);
        h = b.apply(dense("h2", 128, Activation.RELU), h);
        b.output("y", b.apply(dense("out", 10, Activation.SOFTMAX), h));
        Model m = b.build(5, DType.FLOAT32);
        m.compile(CompileOptions.builder().optimizer(new Optimizer.Adam(1e-3)).loss("categorical_crossentropy").build());
        return m;
    }

    static void train(SparkSession spark, int rows, int epochs, Collective collective) {
        SplittableRandom r = new SplittableRandom(9);
        float[] xs = new float[rows * 784], ys = new float[rows * 10];
        List<Row> data = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            float[] px = new float[784];
            for (int j = 0; j < 784; j++) px[j] = xs[i * 784 + j] = (float) r.nextDouble();
            int label = r.nextInt(10);
            ys[i * 10 + label] = 1;
            float[] oh = new float[10];
            oh[label] = 1;
            data.add(RowFactory.create(px, oh));
        }
        StructType schema = new StructType().add("pixels", DataTypes.createArrayType(DataTypes.FloatType))
                .add("label", DataTypes.createArrayType(DataTypes.FloatType));
        Dataset<Row> df = spark.createDataFrame(data, schema).repartition(2).cache();
        df.count();
        Model m = t2();
        long t0 = System.nanoTime();
        History h = SparkTrainer.of(m).inputs(Map.of("x", List.of("pixels"))).targets(Map.of("y", List.of("label")))
                .epochs(epochs).batchSize(64).collective(collective).fit(df);
        double sparkS = (System.nanoTime() - t0) / 1e9;
        Model single = t2();
        t0 = System.nanoTime();
        single.fit(Tensor.of(xs, rows, 784), Tensor.of(ys, rows, 10), FitOptions.builder().epochs(epochs).batchSize(128).verbose(0).build());
        double singleS = (System.nanoTime() - t0) / 1e9;
        int steps = (rows + 127) / 128;
        System.out.printf(Locale.ROOT, "BENCH train collective=%s rows=%d epochs=%d weights=%d spark_local2_s_per_epoch=%.2f single_s_per_epoch=%.2f "
                        + "spark_ms_per_step=%.1f single_ms_per_step=%.1f exchange_ms=%.1f message_bytes=%.0f spark_s_per_60k_epoch=%.1f single_s_per_60k_epoch=%.1f last_epoch_s=%.2f last_epoch_steps_s=%.2f%n",
                collective, rows, epochs, m.countParams(false), sparkS / epochs, singleS / epochs, 1e3 * sparkS / epochs / steps, 1e3 * singleS / epochs / steps,
                h.last("exchange_ms"), h.last("message_bytes"), sparkS / epochs / steps * 469, singleS / epochs / steps * 469,
                h.last("epoch_s"), h.last("steps_s"));
    }

    private static Dense dense(String name, int units, Activation a) {
        return new Dense(name, units, a, true, new Initializer.GlorotUniform(), Initializer.zeros(), null, null, true);
    }
}
