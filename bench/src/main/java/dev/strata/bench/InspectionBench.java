package dev.strata.bench;

import dev.strata.activations.Activation;
import dev.strata.inspect.cnn.GradCam;
import dev.strata.inspect.cnn.ImageClassifier;
import dev.strata.inspect.cnn.Occlusion;
import dev.strata.inspect.cnn.Saliency;
import dev.strata.layers.Conv2D;
import dev.strata.layers.Dense;
import dev.strata.layers.Dropout;
import dev.strata.layers.Flatten;
import dev.strata.layers.MaxPool2D;
import dev.strata.model.Model;
import dev.strata.model.Sequential;
import dev.strata.ops.DType;
import dev.strata.ops.ReluBackward;
import dev.strata.ops.Tensor;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * CNN inspection latency on one 28×28 image with SPEC §7's MNIST CNN (float32): Grad-CAM at conv_2,
 * vanilla and guided saliency, and a full occlusion map (4×4 patches, stride 4: 49 occluded copies
 * in one predict). Weights are the untrained initial ones: the work does not depend on their values.
 * Prints the median and 90th percentile after warm-up. Run with {@code bench/inspection}.
 */
public final class InspectionBench {
    private InspectionBench() {}

    public static void main(String[] args) {
        int warmup = 200, runs = 300;
        Model cnn = new Sequential(28, 28, 1).name("mnist_cnn").add(Conv2D.of("conv_1", 32, 3, Activation.RELU))
                .add(Conv2D.of("conv_2", 64, 3, Activation.RELU)).add(MaxPool2D.of("pool", 2)).add(new Dropout("dropout_1", 0.25))
                .add(new Flatten("flatten")).add(Dense.of("dense_128", 128, Activation.RELU)).add(new Dropout("dropout_2", 0.5))
                .add(Dense.of("digit", 10, Activation.SOFTMAX)).build(1, DType.FLOAT32);
        ImageClassifier net = ImageClassifier.of(cnn);
        SplittableRandom r = new SplittableRandom(4);
        double[] pixels = new double[28 * 28];
        for (int i = 0; i < pixels.length; i++) pixels[i] = r.nextDouble() < 0.2 ? r.nextDouble() : 0;
        Tensor image = Tensor.of(pixels, 28, 28, 1);
        Machine.describe().forEach(System.out::println);
        double gradCam = time("Grad-CAM (conv_2, upsampled to 28x28)", warmup, runs, () -> GradCam.of(net, image, 3, "conv_2"));
        double saliency = time("saliency, vanilla", warmup, runs, () -> Saliency.of(net, image, 3, ReluBackward.STANDARD));
        double guided = time("saliency, guided", warmup, runs, () -> Saliency.of(net, image, 3, ReluBackward.GUIDED));
        Occlusion occlusion = Occlusion.of(4, 4, 0.5);
        double occ = time("occlusion map (4x4 patches, stride 4, 49 copies)", warmup / 4, runs / 3, () -> occlusion.map(net, image, 3));
        System.out.printf(Locale.ROOT, "RESULT grad_cam_ms=%.2f saliency_ms=%.2f guided_saliency_ms=%.2f occlusion_ms=%.2f%n", gradCam, saliency, guided, occ);
    }

    /** Median milliseconds of {@code runs} calls after {@code warmup} untimed ones; prints median and p90. */
    private static double time(String what, int warmup, int runs, Runnable task) {
        for (int i = 0; i < warmup; i++) task.run();
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            task.run();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        double median = ms[runs / 2], p90 = ms[(int) (runs * 0.9)];
        System.out.printf(Locale.ROOT, "%-50s median %7.2f ms   p90 %7.2f ms%n", what, median, p90);
        return median;
    }
}
