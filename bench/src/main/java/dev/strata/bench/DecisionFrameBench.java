package dev.strata.bench;

import dev.strata.activations.Activation;
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
import dev.strata.viz.AnimatedGif;
import dev.strata.viz.DecisionBoundaries;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * SPEC E3's frame cost: one decision-boundary frame (three panels: input space with the probability
 * on a 200×200 grid behind 400 points, the points and grid through {@code hidden_1} and through
 * {@code activation_1}), the network of the sample after one epoch. Times the frame alone and the
 * frame plus adding it to an animated GIF (what the sample's callback does per epoch); median and
 * 90th percentile after warm-up. Target: frame ≤ 150 ms. Run with {@code bench/decision-frame}.
 */
public final class DecisionFrameBench {
    private DecisionFrameBench() {}

    public static void main(String[] args) throws Exception {
        int warmup = 20, runs = 40;
        Random r = new Random(1);
        float[] pts = new float[800];
        float[] labels = new float[400];
        double[] means = {-1, 1, 0};
        int[] counts = {100, 100, 200};
        int i = 0;
        for (int k = 0; k < 3; k++) for (int c = 0; c < counts[k]; c++, i++) {
            pts[2 * i] = (float) (means[k] + 0.5 * r.nextGaussian());
            pts[2 * i + 1] = (float) (means[k] + 0.5 * r.nextGaussian());
            labels[i] = k == 2 ? 1f : 0f;
        }
        Tensor x = Tensor.of(pts, 400, 2);
        Tensor y = Tensor.of(labels, 400, 1);
        Model model = new Sequential(2).name("e3").add(Dense.of("hidden_1", 2, Activation.LINEAR))
                .add(new ActivationLayer("activation_1", Activation.TANH)).add(Dense.of("out", 1, Activation.SIGMOID))
                .build(1, DType.FLOAT32);
        model.compile(CompileOptions.builder().optimizer(new Optimizer.Adam(0.01)).loss(Loss.named("binary_crossentropy")).build());
        model.fit(x, y, FitOptions.builder().epochs(1).batchSize(32).verbose(0).build());
        DecisionBoundaries drawer = new DecisionBoundaries(model, x, y, List.of("hidden_1", "activation_1"));

        double[] frame = new double[runs];
        for (int w = 0; w < warmup; w++) drawer.frame("warm-up");
        for (int k = 0; k < runs; k++) {
            long t = System.nanoTime();
            drawer.frame("epoch " + k);
            frame[k] = (System.nanoTime() - t) / 1e6;
        }
        Path gif = Files.createTempFile("decision-frame", ".gif");
        AnimatedGif animation = new AnimatedGif(gif, 100);
        double[] withGif = new double[runs];
        for (int w = 0; w < 5; w++) animation.add(drawer.frame("warm-up"));
        BufferedImage last = null;
        for (int k = 0; k < runs; k++) {
            long t = System.nanoTime();
            last = drawer.frame("epoch " + k);
            animation.add(last);
            withGif[k] = (System.nanoTime() - t) / 1e6;
        }
        animation.finish();
        Files.deleteIfExists(gif);
        System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, load " + Machine.loadAverage());
        System.out.println("frame " + last.getWidth() + "x" + last.getHeight() + " (3 panels, 200x200 grid, 400 points), "
                + warmup + " warm-up, " + runs + " timed");
        System.out.printf(Locale.ROOT, "frame:        median %.1f ms, p90 %.1f ms%n", median(frame), p90(frame));
        System.out.printf(Locale.ROOT, "frame + GIF:  median %.1f ms, p90 %.1f ms%n", median(withGif), p90(withGif));
        System.out.printf(Locale.ROOT, "RESULT frame_median_ms=%.1f frame_p90_ms=%.1f frame_gif_median_ms=%.1f target_ms=150 within=%b%n",
                median(frame), p90(frame), median(withGif), median(frame) <= 150);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double p90(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[(int) Math.ceil(0.9 * s.length) - 1];
    }
}
