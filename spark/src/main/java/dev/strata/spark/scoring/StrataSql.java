package dev.strata.spark.scoring;

import dev.strata.model.Model;
import dev.strata.ops.Tensor;
import dev.strata.spark.ModelBytes;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.StructType;
import scala.collection.Seq;

/**
 * A saved single-input model as a Spark SQL function: its argument is the input's features as an
 * array, its result a struct with one field per model output.
 *
 * <pre>{@code
 * StrataSql.register(spark, "power_plant", Path.of("power_plant.strata"));
 * spark.sql("SELECT id, power_plant(array(AT, AP, RH)).pe AS pe FROM readings");
 * }</pre>
 *
 * <p>Spark calls a SQL function once per row, so this predicts row by row; {@link SparkScorer}
 * predicts a batch per call and is the faster way to score a whole DataFrame.
 */
public final class StrataSql {
    private StrataSql() {
    }

    /** Registers {@code name} for a saved model file; returns the result type. */
    public static StructType register(SparkSession spark, String name, Path modelFile) {
        return register(spark, name, ModelBytes.read(modelFile));
    }

    /** Registers {@code name} for a model's bytes (broadcast once). */
    public static StructType register(SparkSession spark, String name, ModelBytes bytes) {
        Model m = bytes.model();
        if (m.inputNames().size() != 1) {
            throw new IllegalArgumentException("model '" + m.name() + "' has inputs " + m.inputNames()
                    + ": a SQL function takes one input; score several with SparkScorer");
        }
        OutputColumns outputs = OutputColumns.of(m, "");
        StructType type = new StructType(outputs.fields().toArray(org.apache.spark.sql.types.StructField[]::new));
        Broadcast<ModelBytes> shared = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(bytes);
        String input = m.inputNames().get(0);
        int[] shape = m.graph().inputShape(input);
        spark.udf().register(name, new Predict(shared, outputs, input, shape, name), type);
        return type;
    }

    /** The function body: one row's features in, one struct of outputs out. */
    private record Predict(Broadcast<ModelBytes> model, OutputColumns outputs, String input, int[] shape, String name)
            implements UDF1<Seq<Object>, Row> {
        @Override
        public Row call(Seq<Object> features) {
            if (features == null) throw new IllegalArgumentException(name + "(...): the features array is null");
            float[] flat = new float[features.size()];
            for (int i = 0; i < flat.length; i++) {
                Object v = features.apply(i);
                if (!(v instanceof Number n)) throw new IllegalArgumentException(name + "(...): feature " + i + " is " + v + ", expected a number");
                flat[i] = n.floatValue();
            }
            Tensor x;
            try {
                x = BatchInputs.tensor(flat, 1, shape);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + "(...): " + e.getMessage(), e);
            }
            Map<String, Tensor> predicted = model.value().model().predictAll(Map.of(input, x));
            return RowFactory.create(outputs.cells(predicted, 1)[0]);
        }
    }

}
