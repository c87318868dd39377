package dev.strata.spark.scoring;

import dev.strata.data.Features;
import dev.strata.data.Preprocessing;
import dev.strata.model.Model;
import dev.strata.spark.ModelBytes;
import dev.strata.spark.RowColumns;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Scores Spark DataFrames with a saved Strata model: the model file is broadcast once, loaded once
 * per executor JVM, and every partition is predicted in batches of {@link #batchSize} rows.
 *
 * <pre>{@code
 * Dataset<Row> scored = SparkScorer.load(spark, Path.of("power_plant.strata"))
 *         .inputs(Map.of("x", List.of("AT", "AP", "RH")))   // or .raw() to use the saved preprocessing
 *         .keep("id")                                       // default: keep every column
 *         .transform(df);                                   // id, pe, v
 * }</pre>
 *
 * <p>One output column per model output, named after it: {@code float} for a one-value output of
 * a float32 model ({@code double} for float64), {@code array<float>} for wider ones. Immutable:
 * each setting returns a new scorer.
 */
public final class SparkScorer {
    private final SparkSession spark;
    private final ModelBytes model;
    private final Map<String, List<String>> inputs;
    private final boolean raw;
    private final List<String> keep;
    private final int batchSize;
    private final String prefix;

    private SparkScorer(SparkSession spark, ModelBytes model, Map<String, List<String>> inputs, boolean raw, List<String> keep,
                        int batchSize, String prefix) {
        this.spark = spark;
        this.model = model;
        this.inputs = inputs;
        this.raw = raw;
        this.keep = keep;
        this.batchSize = batchSize;
        this.prefix = prefix;
    }

    /** A scorer for a saved model file (read on the driver). */
    public static SparkScorer load(SparkSession spark, Path modelFile) {
        return new SparkScorer(spark, ModelBytes.read(modelFile), null, false, null, 1024, "");
    }

    /** A scorer for a model in memory (saved to bytes once). */
    public static SparkScorer of(SparkSession spark, Model model) {
        return new SparkScorer(spark, ModelBytes.of(model), null, false, null, 1024, "");
    }

    /** Model input name → the columns concatenated, in order, into its rows (numbers or numeric arrays). */
    public SparkScorer inputs(Map<String, List<String>> inputColumns) {
        return new SparkScorer(spark, model, new LinkedHashMap<>(inputColumns), false, keep, batchSize, prefix);
    }

    /** The inputs of a {@link Features} mapping (its targets are ignored). */
    public SparkScorer inputs(Features features) {
        return inputs(features.inputs());
    }

    /** Raw columns through the preprocessing saved with the model (scalers, one-hot, input layout). */
    public SparkScorer raw() {
        return new SparkScorer(spark, model, null, true, keep, batchSize, prefix);
    }

    /** Only these columns of the input are kept next to the predictions (keys); by default all are. */
    public SparkScorer keep(String... columns) {
        return new SparkScorer(spark, model, inputs, raw, List.of(columns), batchSize, prefix);
    }

    /** Rows per predict call within a partition (default 1,024). */
    public SparkScorer batchSize(int rows) {
        if (rows <= 0) throw new IllegalArgumentException("batch size must be positive, got " + rows);
        return new SparkScorer(spark, model, inputs, raw, keep, rows, prefix);
    }

    /** Prefix for the output column names (default none: the output names themselves). */
    public SparkScorer outputPrefix(String p) {
        return new SparkScorer(spark, model, inputs, raw, keep, batchSize, p);
    }

    /** The scored rows: the kept columns, then one column per model output. Lazy, like any transformation. */
    public Dataset<Row> transform(Dataset<Row> data) {
        Model m = model.model();
        StructType schema = data.schema();
        List<String> kept = keep == null ? List.of(schema.fieldNames()) : keep;
        int[] keptIndex = new int[kept.size()];
        List<StructField> fields = new ArrayList<>();
        for (int i = 0; i < kept.size(); i++) {
            if (!Arrays.asList(schema.fieldNames()).contains(kept.get(i))) {
                throw new IllegalArgumentException("keep: no column '" + kept.get(i) + "' in the DataFrame; its columns are " + Arrays.toString(schema.fieldNames()));
            }
            keptIndex[i] = schema.fieldIndex(kept.get(i));
            fields.add(schema.fields()[keptIndex[i]]);
        }
        OutputColumns outputs = OutputColumns.of(m, prefix);
        for (StructField f : outputs.fields()) {
            if (kept.contains(f.name())) {
                throw new IllegalArgumentException("output column '" + f.name() + "' would replace a kept input column: keep(...) other columns or set outputPrefix(...)");
            }
            fields.add(f);
        }
        StructType outSchema = new StructType(fields.toArray(StructField[]::new));
        BatchInputs batchInputs = raw ? BatchInputs.raw(m, schema) : BatchInputs.columns(m, RowColumns.resolve(schema, requireInputs(m), "input"));
        Broadcast<ModelBytes> shared = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(model);
        return data.mapPartitions(new PartitionScorer(shared, batchInputs, outputs, keptIndex, batchSize), Encoders.row(outSchema));
    }

    private Map<String, List<String>> requireInputs(Model m) {
        if (inputs == null) {
            throw new IllegalStateException("say which columns feed the model's inputs " + m.inputNames()
                    + ": inputs(Map.of(\"" + m.inputNames().get(0) + "\", List.of(...))) or raw() to use its saved preprocessing");
        }
        for (String name : inputs.keySet()) {
            if (!m.inputNames().contains(name)) throw new IllegalArgumentException("unknown model input '" + name + "'; the model's inputs are " + m.inputNames());
        }
        for (String name : m.inputNames()) {
            if (!inputs.containsKey(name)) throw new IllegalArgumentException("no columns given for model input '" + name + "'; the model's inputs are " + m.inputNames());
        }
        return inputs;
    }

    /** The preprocessing a raw scorer would use (for messages and checks). */
    static Preprocessing preprocessingOf(Model m) {
        return Preprocessing.from(m.metadata()).orElseThrow(() -> new IllegalStateException("model '" + m.name()
                + "' has no saved preprocessing: save it with one (Preprocessing.saveTo / attachPreprocessing) or map columns with inputs(...)"));
    }
}
