package dev.strata.samples;

import dev.strata.activations.Activation;
import dev.strata.callbacks.LearningRateScheduler;
import dev.strata.data.CsvReader;
import dev.strata.data.MinMaxScaler;
import dev.strata.data.Preprocessing;
import dev.strata.data.PreprocessingStep;
import dev.strata.data.Split;
import dev.strata.data.Table;
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
import dev.strata.training.CompileOptions;
import dev.strata.training.FitOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * SPEC E8 with the runtime's Java API only (no Kotlin): the combined-cycle power plant model with
 * two outputs, trained, evaluated, and saved to one file together with its fitted input scaler, so
 * that {@link PredictFromFile} can load it and predict from raw readings.
 *
 * <p>The same model and training as {@code samples/power_plant.strata.kts}: inputs AT, AP, RH
 * min-max scaled on the training rows; Dense 10 relu → Dense 10 relu → {@code pe}; a branch Dense 10
 * relu off the second layer → {@code v}; Adam, MSE per output, 80/20 split with seed 1.
 *
 * <pre>
 * java dev.strata.samples.PowerPlantJava [data.csv] [model file]
 * </pre>
 * Defaults: {@code samples/data/ccpp.csv} and {@code samples/target/power_plant.strata}. Prints
 * {@code RESULT r2_pe=… r2_v=… reloaded_equal=… model=…} last.
 */
public final class PowerPlantJava {
    static final List<String> INPUTS = List.of("AT", "AP", "RH");

    private PowerPlantJava() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args.length > 0 ? args[0] : "samples/data/ccpp.csv");
        Path file = Path.of(args.length > 1 ? args[1] : "samples/target/power_plant.strata");

        // Data: UCI Combined Cycle Power Plant, 9,568 rows of AT, V, AP, RH, PE.
        Table table = CsvReader.read(data);
        Split split = Split.byFraction(table.rows(), 0.8, 1);
        Table train = table.take(split.train());
        Table test = table.take(split.test());
        String[] inputs = INPUTS.toArray(String[]::new);
        MinMaxScaler scaler = MinMaxScaler.fit(train.toMatrix(inputs));   // training rows only
        Tensor xTrain = Tensor.of(scaler.transform(train.toMatrix(inputs)));
        Tensor xTest = Tensor.of(scaler.transform(test.toMatrix(inputs)));
        Map<String, Tensor> yTrain = Map.of("pe", Tensor.of(train.toMatrix("PE")), "v", Tensor.of(train.toMatrix("V")));
        Map<String, Tensor> yTest = Map.of("pe", Tensor.of(test.toMatrix("PE")), "v", Tensor.of(test.toMatrix("V")));

        // The graph: He-initialised relu layers; each head's bias starts at its target's training mean.
        double peMean = mean(train.column("PE"));
        double vMean = mean(train.column("V"));
        ModelBuilder b = new ModelBuilder().name("power_plant");
        TensorRef x = b.input("x", 3);
        TensorRef h1 = b.apply(relu("hidden_1"), x);
        TensorRef h2 = b.apply(relu("hidden_2"), h1);
        b.output("pe", b.apply(head("pe_out", peMean), h2));
        TensorRef branch = b.apply(relu("v_branch"), h2);
        b.output("v", b.apply(head("v_out", vMean), branch));
        Model model = b.build(4, DType.FLOAT32);

        Metric r2 = new Metric.Builtin(Metric.Kind.R2);
        Metric rmse = new Metric.Builtin(Metric.Kind.RMSE);
        model.compile(CompileOptions.builder()
                .optimizer(new Optimizer.Adam(0.05))
                .loss("pe", new Loss.MeanSquaredError())
                .loss("v", new Loss.MeanSquaredError())
                .metrics("pe", rmse, r2)
                .metrics("v", rmse, r2)
                .build());
        System.out.print(model.summary());

        // 80 epochs of 64-row batches; the learning rate steps down tenfold at epochs 50 and 65.
        LearningRateScheduler schedule = new LearningRateScheduler((epoch, lr) -> epoch < 50 ? 0.05 : epoch < 65 ? 0.005 : 0.0005);
        model.fit(Map.of("x", xTrain), yTrain,
                FitOptions.builder().epochs(80).batchSize(64).callbacks(schedule).verbose(0).build());

        Map<String, Double> scores = model.evaluate(Map.of("x", xTest), yTest);
        System.out.printf(Locale.ROOT, "test: pe RMSE %.3f MW, R² %.4f; v RMSE %.3f cm Hg, R² %.4f%n",
                scores.get("pe_rmse"), scores.get("pe_r2"), scores.get("v_rmse"), scores.get("v_r2"));

        // One file: architecture, weights, optimizer state, and the fitted scaler with its input layout.
        new Preprocessing(List.of(new PreprocessingStep.MinMax(INPUTS, scaler)), Map.of("x", INPUTS))
                .saveTo(model.metadata());
        Files.createDirectories(file.toAbsolutePath().getParent());
        model.save(file);

        Model reloaded = Model.load(file);
        boolean equal = reloaded.predictAll(Map.of("x", xTest)).equals(model.predictAll(Map.of("x", xTest)));
        System.out.printf("saved %s (%,d bytes); the reloaded model predicts identically: %b%n", file, Files.size(file), equal);
        System.out.printf(Locale.ROOT, "RESULT r2_pe=%.4f r2_v=%.4f reloaded_equal=%b model=%s%n",
                scores.get("pe_r2"), scores.get("v_r2"), equal, file);
    }

    private static Dense relu(String name) {
        return new Dense(name, 10, Activation.RELU, true, new Initializer.HeUniform(), Initializer.zeros(), null, null, true);
    }

    private static Dense head(String name, double initialBias) {
        return new Dense(name, 1, Activation.LINEAR, true, new Initializer.GlorotUniform(), new Initializer.Constant(initialBias),
                null, null, true);
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }
}
