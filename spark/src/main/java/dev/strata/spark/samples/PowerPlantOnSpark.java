package dev.strata.spark.samples;

import dev.strata.activations.Activation;
import dev.strata.callbacks.LearningRateScheduler;
import dev.strata.data.Split;
import dev.strata.init.Initializer;
import dev.strata.layers.Dense;
import dev.strata.losses.Loss;
import dev.strata.metrics.Metric;
import dev.strata.model.Model;
import dev.strata.model.ModelBuilder;
import dev.strata.model.TensorRef;
import dev.strata.ops.DType;
import dev.strata.ops.Tensor;
import dev.strata.optimizers.Optimizer;
import dev.strata.spark.scoring.SparkScorer;
import dev.strata.spark.training.SparkTrainer;
import dev.strata.training.CompileOptions;
import dev.strata.training.FitOptions;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * SPEC E8 on Spark: the combined-cycle power plant model (inputs AT, AP, RH min-max scaled on the
 * training rows; Dense 10 relu → Dense 10 relu → {@code pe}; a branch Dense 10 relu → {@code v};
 * Adam, MSE per output; 80/20 split with seed 1; learning rate 0.05, 0.005 from epoch 50, 0.0005
 * from 65) trained data-parallel with {@link SparkTrainer} on the CSV read by Spark, the test split
 * scored with {@link SparkScorer}; then the same model trained on one machine with the same rows,
 * epochs and total batch size, for comparison.
 *
 * <pre>
 * PowerPlantOnSpark [data.csv] [epochs] [partitions]     (defaults: samples/data/ccpp.csv 80 2)
 * </pre>
 * The master comes from {@code spark-submit} or defaults to {@code local[partitions]}. Prints
 * {@code RESULT r2_pe=… r2_v=… partitions=… single_r2_pe=… single_r2_v=…} last.
 */
public final class PowerPlantOnSpark {
    static final List<String> INPUTS = List.of("AT", "AP", "RH");
    static final int TOTAL_BATCH = 64;
    static final Metric R2 = new Metric.Builtin(Metric.Kind.R2);

    private PowerPlantOnSpark() {
    }

    public static void main(String[] args) {
        String csv = args.length > 0 ? args[0] : "samples/data/ccpp.csv";
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 80;
        int partitions = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        SparkSession.Builder builder = SparkSession.builder().appName("strata-power-plant");
        if (!new org.apache.spark.SparkConf().contains("spark.master")) {
            builder.master("local[" + partitions + "]").config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1").config("spark.ui.enabled", "false");
        }
        SparkSession spark = builder.getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        try {
            run(spark, csv, epochs, partitions);
        } finally {
            spark.stop();
        }
    }

    static void run(SparkSession spark, String csv, int epochs, int partitions) {
        // Spark's CSV reader; rows numbered in file order, so the split is the single-machine samples' split.
        Dataset<Row> raw = spark.read().option("header", true).option("inferSchema", true).csv(csv);
        JavaRDD<Row> numbered = raw.toJavaRDD().zipWithIndex().map(t -> RowFactory.create(t._2(), t._1().getAs("AT"), t._1().getAs("V"),
                t._1().getAs("AP"), t._1().getAs("RH"), t._1().getAs("PE")));
        Dataset<Row> rows = spark.createDataFrame(numbered, new StructType().add("row", DataTypes.LongType).add("AT", DataTypes.DoubleType)
                .add("V", DataTypes.DoubleType).add("AP", DataTypes.DoubleType).add("RH", DataTypes.DoubleType).add("PE", DataTypes.DoubleType));
        long n = rows.count();
        Split split = Split.byFraction((int) n, 0.8, 1);
        List<Long> testIds = java.util.Arrays.stream(split.test()).mapToLong(i -> i).boxed().toList();
        Column isTest = functions.col("row").isin(testIds.toArray());
        Dataset<Row> train = rows.filter(functions.not(isTest));
        Dataset<Row> test = rows.filter(isTest);

        // Min-max scaling fitted on the training rows, as Spark columns.
        Row range = train.agg(functions.min("AT"), functions.max("AT"), functions.min("AP"), functions.max("AP"),
                functions.min("RH"), functions.max("RH")).first();
        Row means = train.agg(functions.avg("PE"), functions.avg("V")).first();
        for (int i = 0; i < INPUTS.size(); i++) {
            double lo = range.getDouble(2 * i), hi = range.getDouble(2 * i + 1);
            String c = INPUTS.get(i);
            Column scaled = functions.col(c).minus(lo).divide(hi - lo);
            train = train.withColumn(c + "_s", scaled);
            test = test.withColumn(c + "_s", scaled);
        }
        Map<String, List<String>> x = Map.of("x", List.of("AT_s", "AP_s", "RH_s"));
        Map<String, List<String>> y = Map.of("pe", List.of("PE"), "v", List.of("V"));
        train = train.repartition(partitions).cache();
        System.out.printf("read %s with Spark: %d rows, %d for training on %d partitions, %d for testing%n",
                csv, n, train.count(), partitions, test.count());

        Model model = plant(means.getDouble(0), means.getDouble(1));
        long t0 = System.nanoTime();
        var history = SparkTrainer.of(model).inputs(x).targets(y).epochs(epochs).batchSize(TOTAL_BATCH / partitions)
                .callbacks(schedule()).fit(train);
        double sparkSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "Spark: %d epochs in %.1f s, last epoch loss %.3f, %.2f ms per exchange%n",
                epochs, sparkSeconds, history.last("loss"), history.last("exchange_ms"));

        // Scoring the test split on the executors.
        Dataset<Row> scored = SparkScorer.of(spark, model).inputs(x).keep("PE", "V").outputPrefix("p_").transform(test);
        List<Row> got = scored.collectAsList();
        double r2pe = r2(got, "PE", "p_pe"), r2v = r2(got, "V", "p_v");

        // One machine: the same training rows, epochs and 64-row batches.
        List<Row> local = train.orderBy("row").select("AT_s", "AP_s", "RH_s", "PE", "V").collectAsList();
        List<Row> localTest = test.orderBy("row").select("AT_s", "AP_s", "RH_s", "PE", "V").collectAsList();
        Model single = plant(means.getDouble(0), means.getDouble(1));
        t0 = System.nanoTime();
        single.fit(Map.of("x", column(local, 0, 3)), Map.of("pe", column(local, 3, 1), "v", column(local, 4, 1)),
                FitOptions.builder().epochs(epochs).batchSize(TOTAL_BATCH).callbacks(schedule()).verbose(0).build());
        double singleSeconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Double> s = single.evaluate(Map.of("x", column(localTest, 0, 3)), Map.of("pe", column(localTest, 3, 1), "v", column(localTest, 4, 1)));
        System.out.printf(Locale.ROOT, "one machine: %d epochs in %.1f s; test R² pe %.4f, v %.4f%n", epochs, singleSeconds, s.get("pe_r2"), s.get("v_r2"));
        System.out.printf(Locale.ROOT, "Spark (%d partitions): test R² pe %.4f, v %.4f (differences %.4f, %.4f)%n", partitions, r2pe, r2v,
                r2pe - s.get("pe_r2"), r2v - s.get("v_r2"));
        System.out.printf(Locale.ROOT, "RESULT r2_pe=%.4f r2_v=%.4f partitions=%d single_r2_pe=%.4f single_r2_v=%.4f%n",
                r2pe, r2v, partitions, s.get("pe_r2"), s.get("v_r2"));
    }

    static Model plant(double peMean, double vMean) {
        ModelBuilder b = new ModelBuilder().name("power_plant");
        TensorRef in = b.input("x", 3);
        TensorRef h1 = b.apply(relu("hidden_1"), in);
        TensorRef h2 = b.apply(relu("hidden_2"), h1);
        b.output("pe", b.apply(head("pe_out", peMean), h2));
        TensorRef branch = b.apply(relu("v_branch"), h2);
        b.output("v", b.apply(head("v_out", vMean), branch));
        Model m = b.build(4, DType.FLOAT32);
        m.compile(CompileOptions.builder().optimizer(new Optimizer.Adam(0.05))
                .loss("pe", new Loss.MeanSquaredError()).loss("v", new Loss.MeanSquaredError()).metrics("pe", R2).metrics("v", R2).build());
        return m;
    }

    static LearningRateScheduler schedule() {
        return new LearningRateScheduler((epoch, lr) -> epoch < 50 ? 0.05 : epoch < 65 ? 0.005 : 0.0005);
    }

    private static Dense relu(String name) {
        return new Dense(name, 10, Activation.RELU, true, new Initializer.HeUniform(), Initializer.zeros(), null, null, true);
    }

    private static Dense head(String name, double bias) {
        return new Dense(name, 1, Activation.LINEAR, true, new Initializer.GlorotUniform(), new Initializer.Constant(bias), null, null, true);
    }

    private static Tensor column(List<Row> rows, int from, int width) {
        float[] v = new float[rows.size() * width];
        for (int r = 0; r < rows.size(); r++) for (int j = 0; j < width; j++) v[r * width + j] = (float) rows.get(r).getDouble(from + j);
        return Tensor.of(v, rows.size(), width);
    }

    /** R² of predictions (column {@code predicted}) against actual values (column {@code actual}). */
    private static double r2(List<Row> rows, String actualColumn, String predictedColumn) {
        int actual = rows.get(0).fieldIndex(actualColumn), predicted = rows.get(0).fieldIndex(predictedColumn);
        double mean = 0;
        for (Row r : rows) mean += r.getDouble(actual);
        mean /= rows.size();
        double ssRes = 0, ssTot = 0;
        for (Row r : rows) {
            double a = r.getDouble(actual), p = ((Number) r.get(predicted)).doubleValue();
            ssRes += (a - p) * (a - p);
            ssTot += (a - mean) * (a - mean);
        }
        return 1 - ssRes / ssTot;
    }
}
