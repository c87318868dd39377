package dev.strata.inspect.cnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.activations.Activation;
import dev.strata.inspect.Activations;
import dev.strata.layers.Conv2D;
import dev.strata.layers.Dense;
import dev.strata.layers.Flatten;
import dev.strata.model.Model;
import dev.strata.model.Sequential;
import dev.strata.ops.DType;
import dev.strata.ops.ReluBackward;
import dev.strata.ops.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Saliency, Grad-CAM, occlusion, activation maximisation, filters and feature maps on tiny conv nets. */
class CnnInspectionTest {
    private static Model tinyCnn() {
        return tinyCnn(DType.FLOAT64);
    }

    private static Model tinyCnn(DType dtype) {
        return new Sequential(6, 6, 1).add(Conv2D.of("conv", 2, 3, Activation.RELU)).add(new Flatten("flat"))
                .add(Dense.of("out", 3, Activation.SOFTMAX)).build(3, dtype);
    }

    private static Tensor image(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[36];
        for (int i = 0; i < v.length; i++) v[i] = r.nextDouble();
        return Tensor.of(v, 6, 6, 1);
    }

    @Test void vanillaSaliencyIsTheFiniteDifferenceOfTheClassScore() {
        ImageClassifier net = ImageClassifier.of(tinyCnn());
        ImageClassifier probs = net.probabilities();
        Tensor x = image(1);
        for (ImageClassifier n : List.of(net, probs)) {
            double[] g = Saliency.gradient(n, x, 2, ReluBackward.STANDARD).toDoubleArray();
            double h = 1e-6;
            for (int i = 0; i < 36; i++) {
                double[] up = x.toDoubleArray(), down = x.toDoubleArray();
                up[i] += h;
                down[i] -= h;
                double numeric = (n.score(Tensor.of(up, 6, 6, 1), 2) - n.score(Tensor.of(down, 6, 6, 1), 2)) / (2 * h);
                assertEquals(numeric, g[i], 1e-7, (n.logits() ? "logit" : "probability") + " pixel " + i);
            }
            Heatmap map = Saliency.of(n, x, 2, ReluBackward.STANDARD);
            for (int i = 0; i < 36; i++) assertEquals(Math.abs(g[i]), map.values()[i], 1e-15);
        }
        // The probability score really is the softmax output.
        assertEquals(net.predict(net.batchOf(x))[0][2], probs.score(x, 2), 1e-12);
    }

    /** x (1×2 image) → flatten → dense 3 relu → dense 1: the three rules by hand. */
    @Test void guidedAndRectifiedRulesGiveTheHandComputedGradients() {
        for (DType dtype : DType.values()) handComputedRules(dtype); // float32 takes the Java-loop path
    }

    private static void handComputedRules(DType dtype) {
        Model m = new Sequential(1, 2, 1).add(new Flatten("flat")).add(Dense.of("hidden", 3, Activation.RELU))
                .add(Dense.of("out", 1, Activation.LINEAR)).build(0, dtype);
        // Columns: unit 0 = (1, 2), unit 1 = (-1, 1), unit 2 = (1, -1).
        m.setWeights("hidden", List.of(Tensor.of(new double[] {1, -1, 1, 2, 1, -1}, 2, 3), Tensor.of(new double[3], 3)));
        m.setWeights("out", List.of(Tensor.of(new double[] {1, 3, -2}, 3, 1), Tensor.of(new double[1], 1)));
        ImageClassifier net = ImageClassifier.of(m);
        Tensor x = Tensor.of(new double[] {1, 0.5}, 1, 2, 1);
        // Pre-activations (2, -0.5, 0.5): units 0 and 2 are on. Upstream gradient (1, 3, -2).
        assertArrayEquals(new double[] {-1, 4}, Saliency.gradient(net, x, 0, ReluBackward.STANDARD).toDoubleArray(), 1e-12);
        // Guided: positive gradients through on units only: (1, 0, 0).
        assertArrayEquals(new double[] {1, 2}, Saliency.gradient(net, x, 0, ReluBackward.GUIDED).toDoubleArray(), 1e-12);
        // Rectified (deconvnet): positive gradients through whatever the unit: (1, 3, 0).
        assertArrayEquals(new double[] {-2, 5}, Saliency.gradient(net, x, 0, ReluBackward.RECTIFIED).toDoubleArray(), 1e-12);
        // The rule does not stick: the next plain call is vanilla again.
        assertArrayEquals(new double[] {-1, 4}, Saliency.gradient(net, x, 0, ReluBackward.STANDARD).toDoubleArray(), 1e-12);
    }

    /** Grad-CAM at layer conv by hand: logit_c = Σ_{p,k} A[p,k] W[p·K + k, c] + b_c, so d logit_c / d A[p,k] = W[p·K + k, c]. */
    private static double[] handCam(Model m, Tensor batch, int cls) {
        double[] w = m.getWeights("out").get(0).toDoubleArray();
        double[] a = Activations.of(m, "conv", batch).toDoubleArray();
        int n = 16, k = 2;
        double[] alpha = new double[k];
        for (int p = 0; p < n; p++) for (int c = 0; c < k; c++) alpha[c] += w[(p * k + c) * 3 + cls] / n;
        double[] cam = new double[n];
        for (int p = 0; p < n; p++) cam[p] = Math.max(0, alpha[0] * a[p * k] + alpha[1] * a[p * k + 1]);
        return cam;
    }

    @Test void gradCamEqualsTheHandComputationInFloat32Too() {
        Model m = tinyCnn(DType.FLOAT32);
        ImageClassifier net = ImageClassifier.of(m);
        Tensor x = image(2).to(DType.FLOAT32);
        for (int c = 0; c < 3; c++) {
            assertArrayEquals(handCam(m, net.batchOf(x), c), GradCam.coarse(net, x, c, "conv", ReluBackward.STANDARD).values(), 1e-5, "class " + c);
        }
    }

    @Test void gradCamEqualsTheHandComputation() {
        Model m = tinyCnn();
        ImageClassifier net = ImageClassifier.of(m);
        Tensor x = image(2);
        int cls = 0;
        double largest = -1;
        for (int c = 0; c < 3; c++) {
            double[] cam = handCam(m, net.batchOf(x), c);
            assertArrayEquals(cam, GradCam.coarse(net, x, c, "conv", ReluBackward.STANDARD).values(), 1e-12, "class " + c);
            double max = java.util.Arrays.stream(cam).max().orElseThrow();
            if (max > largest) {
                largest = max;
                cls = c;
            }
        }
        assertTrue(largest > 0, "some class has a map with something in it");
        double[] cam = handCam(m, net.batchOf(x), cls);
        // Bilinear 4x4 -> 6x6 with half-pixel centres: output (1, 2) sits at source (0.8333, 1.5).
        Heatmap up = GradCam.of(net, x, cls, "conv");
        assertEquals(6, up.height());
        double fy = 1.5 * 4 / 6 - 0.5, fx = 2.5 * 4 / 6 - 0.5;
        double top = cam[1] * (1 - (fx - 1)) + cam[2] * (fx - 1), bottom = cam[5] * (1 - (fx - 1)) + cam[6] * (fx - 1);
        assertEquals(top * (1 - fy) + bottom * fy, up.get(1, 2), 1e-12);
        assertEquals(cam[0], up.get(0, 0), 1e-12);
        assertEquals(cam[15], up.get(5, 5), 1e-12);
        // Guided Grad-CAM is the product with the guided saliency map.
        Heatmap guided = GradCam.guided(net, x, cls, "conv");
        Heatmap gs = Saliency.of(net, x, cls, ReluBackward.GUIDED);
        assertEquals(up.get(3, 4) * gs.get(3, 4), guided.get(3, 4), 1e-15);
    }

    @Test void occlusionValuesAreThePredictionsOfTheOccludedImages() {
        Model m = tinyCnn();
        ImageClassifier net = ImageClassifier.of(m);
        Tensor x = image(3);
        Occlusion.Result r = Occlusion.of(2, 2, 0.5).map(net, x, 0);
        assertEquals(3, r.rows());
        assertEquals(3, r.cols());
        double[] base = net.predict(net.batchOf(x))[0];
        assertEquals(base[0], r.baseTrue(), 1e-12);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double[] v = x.toDoubleArray();
                for (int y = 2 * i; y < 2 * i + 2; y++) for (int xx = 2 * j; xx < 2 * j + 2; xx++) v[y * 6 + xx] = 0.5;
                double[] p = net.predict(Tensor.of(v, 1, 6, 6, 1))[0];
                assertEquals(p[0], r.trueClassByPatch().get(i, j), 1e-12, "patch " + i + "," + j);
                assertEquals(p[r.predicted()], r.predictedClassByPatch().get(i, j), 1e-12);
                assertEquals(p[0], r.trueClassMap().get(2 * i + 1, 2 * j), 1e-12);
            }
        }
        assertEquals(r.baseTrue() - r.trueClassByPatch().min(), r.largestDrop(), 1e-15);
        // Overlapping patches: a pixel's value is the mean of the patches covering it.
        Occlusion.Result o = Occlusion.of(3, 1, 0).map(net, x, 1);
        assertEquals(4, o.rows());
        double mean = (o.trueClassByPatch().get(0, 0) + o.trueClassByPatch().get(0, 1) + o.trueClassByPatch().get(1, 0) + o.trueClassByPatch().get(1, 1)) / 4;
        assertEquals(mean, o.trueClassMap().get(1, 1), 1e-12);
    }

    @Test void activationMaximisationRaisesTheScoreWithinTheInputRange() {
        Model m = tinyCnn();
        // Biased on, so the filters respond to a grey start image and have a gradient to climb.
        m.setWeights("conv", List.of(m.getWeights("conv").get(0), Tensor.of(new double[] {0.5, 0.5}, 2)));
        ImageClassifier net = ImageClassifier.of(m);
        ActivationMaximization am = ActivationMaximization.defaults().withSteps(60).withL2(0.01).withTotalVariation(0.01).withJitter(1).withSeed(4);
        for (int cls = 0; cls < 3; cls++) {
            ActivationMaximization.Result r = am.ofClass(net, cls);
            assertEquals(61, r.scores().length);
            assertTrue(r.last() > r.first() + 0.5, "class " + cls + ": " + r.first() + " -> " + r.last());
            assertEquals(net.score(r.image(), cls), r.last(), 1e-12);
            for (double v : r.image().toDoubleArray()) assertTrue(v >= 0 && v <= 1, "pixel " + v);
            assertArrayEquals(r.image().toDoubleArray(), am.ofClass(net, cls).image().toDoubleArray(), 0.0, "seeded");
        }
        ActivationMaximization.Result narrow = am.withInputRange(0.2, 0.4).ofFilter(net, "conv", 1);
        assertTrue(narrow.last() > narrow.first(), narrow.first() + " -> " + narrow.last());
        for (double v : narrow.image().toDoubleArray()) assertTrue(v >= 0.2 && v <= 0.4, "pixel " + v);
    }

    @Test void filtersAndFeatureMapsAreTheKernelsAndActivations() {
        Model m = tinyCnn();
        ImageClassifier net = ImageClassifier.of(m);
        double[] kernel = m.getWeights("conv").get(0).toDoubleArray(); // [3, 3, 1, 2]
        MapStack f = Filters.of(m, "conv", 0);
        assertEquals(2, f.count());
        assertEquals(kernel[(2 * 3 + 1) * 2 + 1], f.map(1).get(2, 1), 0.0);
        Tensor x = image(5);
        MapStack maps = FeatureMaps.of(net, "conv", x);
        double[] a = Activations.of(m, "conv", net.batchOf(x)).toDoubleArray();
        assertEquals(4, maps.height());
        assertEquals(a[(3 * 4 + 2) * 2 + 1], maps.map(1).get(3, 2), 0.0);
    }

    @Test void badRequestsNameTheLayerTheIndexAndTheShapes() {
        ImageClassifier net = ImageClassifier.of(tinyCnn());
        Tensor x = image(6);
        var dense = assertThrows(IllegalArgumentException.class, () -> GradCam.of(net, x, 0, "out"));
        assertTrue(dense.getMessage().contains("'out' (Dense)") && dense.getMessage().contains("[conv]"), dense.getMessage());
        var unknown = assertThrows(IllegalArgumentException.class, () -> GradCam.of(net, x, 0, "conv9"));
        assertTrue(unknown.getMessage().contains("'conv9'"), unknown.getMessage());
        var cls = assertThrows(IllegalArgumentException.class, () -> Saliency.of(net, x, 3, ReluBackward.GUIDED));
        assertTrue(cls.getMessage().contains("class index 3") && cls.getMessage().contains("3 classes"), cls.getMessage());
        var shape = assertThrows(IllegalArgumentException.class, () -> Occlusion.of(2, 2, 0.5).map(net, Tensor.of(new double[28 * 28], 28, 28, 1), 0));
        assertTrue(shape.getMessage().contains("[6, 6, 1]") && shape.getMessage().contains("[28, 28, 1]"), shape.getMessage());
        var filters = assertThrows(IllegalArgumentException.class, () -> Filters.of(net.model(), "flat", 0));
        assertTrue(filters.getMessage().contains("'flat'") && filters.getMessage().contains("not a Conv2D"), filters.getMessage());
        var filter = assertThrows(IllegalArgumentException.class, () -> ActivationMaximization.defaults().ofFilter(net, "conv", 2));
        assertTrue(filter.getMessage().contains("2 channels") && filter.getMessage().contains("filter 2"), filter.getMessage());
    }
}
