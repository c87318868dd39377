package dev.strata.viz;

import dev.strata.activations.Activation;
import dev.strata.inspect.Attribution;
import dev.strata.layers.ActivationLayer;
import dev.strata.layers.Dense;
import dev.strata.losses.Loss;
import dev.strata.model.Model;
import dev.strata.model.Sequential;
import dev.strata.ops.DType;
import dev.strata.ops.Tensor;
import dev.strata.optimizers.Optimizer;
import dev.strata.training.CompileOptions;
import dev.strata.training.FitOptions;
import dev.strata.training.History;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every picture of {@link Plots} (and the E3 classes) called from Java with Java and Strata types
 * only: if a signature needed a Kotlin type, this file would not compile. JavaFacadeSpec checks the
 * files it writes.
 */
public final class JavaFacade {
    private JavaFacade() {}

    /** Draws each picture once into {@code dir}; returns the SVG texts by name. */
    public static Map<String, String> drawAll(Path dir) {
        Map<String, String> svgs = new LinkedHashMap<>();
        float[] pts = new float[80];
        float[] labels = new float[40];
        for (int i = 0; i < 40; i++) {
            double m = i % 2 == 0 ? 0 : (i % 4 == 1 ? -1 : 1);
            pts[2 * i] = (float) (m + 0.3 * Math.sin(i * 1.7));
            pts[2 * i + 1] = (float) (m + 0.3 * Math.cos(i * 2.3));
            labels[i] = i % 2 == 0 ? 1f : 0f;
        }
        Tensor x = Tensor.of(pts, 40, 2);
        Tensor y = Tensor.of(labels, 40, 1);
        Model model = new Sequential(2).name("java").add(Dense.of("hidden_1", 2, Activation.LINEAR))
                .add(new ActivationLayer("activation_1", Activation.TANH)).add(Dense.of("out", 1, Activation.SIGMOID))
                .build(1, DType.FLOAT32);
        model.compile(CompileOptions.builder().optimizer(new Optimizer.Adam(0.05)).loss(Loss.named("binary_crossentropy")).build());
        DecisionBoundaryAnimation animation = new DecisionBoundaryAnimation(x, y, List.of("hidden_1", "activation_1"),
                dir.resolve("java_boundaries.gif"), dir.resolve("java_boundaries.png"), 80);
        History history = model.fit(x, y, FitOptions.builder().epochs(3).batchSize(8).validationSplit(0.25).verbose(0)
                .callbacks(Plots.livePlot(dir.resolve("java_live.png")), Plots.htmlReport(dir.resolve("java_report.html")), animation)
                .build());

        Plots.history(history, dir.resolve("java_curves.png"));
        svgs.put("history", Plots.historySvg(history));
        Plots.model(model, dir.resolve("java_model.png"));
        Plots.model(model, dir.resolve("java_model_noshapes.svg"), false);
        svgs.put("model", Plots.modelSvg(model));
        Tensor row = Tensor.of(new float[] {0.5f, -0.5f}, 1, 2);
        Plots.neurons(model, row, dir.resolve("java_neurons.png"));
        Plots.gradients(model, row, Tensor.of(new float[] {1f}, 1, 1), dir.resolve("java_gradients.png"));
        Attribution a = new Attribution(new double[] {0.3, -0.1}, 0.5, 0.7);
        Plots.attributions(a, List.of("x0", "x1"), dir.resolve("java_shap.png"));
        Plots.attributions(a, List.of("x0", "x1"), dir.resolve("java_shap_titled.png"), "one row");
        svgs.put("attributions", Plots.attributionsSvg(a, List.of("x0", "x1")));

        List<double[]> hidden = new ArrayList<>();
        for (int b = 0; b < 30; b++) hidden.add(new double[] {0.01 * b, -0.02 * b, 0.5});
        Map<String, List<double[]>> trajectories = new LinkedHashMap<>();
        trajectories.put("hidden_1.kernel", hidden);
        Plots.weightTrajectories(trajectories, dir.resolve("java_weights.png"), 10);
        Plots.weightTrajectories(trajectories, dir.resolve("java_weights_plain.png"));

        double[] grid = new double[21];
        double[] square = new double[21];
        double[] twice = new double[21];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = -1 + 0.1 * i;
            square[i] = grid[i] * grid[i];
            twice[i] = 2 * grid[i];
        }
        Plots.functions(grid, Map.of("square", square), Map.of("square", twice), dir.resolve("java_functions.png"));
        Plots.functions(grid, Map.of("square", square), null, dir.resolve("java_function.png"), "x²");
        Plots.fit(grid, square, grid, twice, dir.resolve("java_fit.png"));
        Plots.fit(grid, square, grid, twice, dir.resolve("java_fit_truth.png"), square, "fit");

        DecisionBoundaries frames = new DecisionBoundaries(model, x, y, List.of("hidden_1"), 50, 200);
        AnimatedGif gif = new AnimatedGif(dir.resolve("java_frames.gif"));
        gif.add(frames.frame("first"));
        gif.add(frames.frame("second"));
        gif.finish();
        return svgs;
    }
}
