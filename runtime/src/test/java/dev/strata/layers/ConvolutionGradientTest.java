package dev.strata.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.activations.Activation;
import dev.strata.init.Initializer;
import dev.strata.init.Regularizer;
import dev.strata.losses.Loss;
import dev.strata.model.Model;
import dev.strata.model.ModelBuilder;
import dev.strata.model.Sequential;
import dev.strata.model.TensorRef;
import dev.strata.ops.DType;
import dev.strata.ops.Expr;
import dev.strata.ops.GradientCheck;
import dev.strata.ops.Padding;
import dev.strata.ops.Parameter;
import dev.strata.ops.Plan;
import dev.strata.ops.Tensor;
import dev.strata.optimizers.Optimizer;
import dev.strata.training.CompileOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Convolution, pooling and batch normalization layers: float64 gradients of inputs and weights
 * against central finite differences, forward values against hand-computed ones, batch
 * normalization's two modes and saved statistics, and shape errors.
 */
class ConvolutionGradientTest {
    private static final double TOL = 1e-6;

    /** Max relative error of the gradients of every trainable weight and of the input, in training mode. */
    static double check(Model model, Tensor x) {
        Map<String, Expr> inputs = new LinkedHashMap<>();
        List<Parameter> wrt = new ArrayList<>();
        for (Parameter p : model.weights().all()) if (p.trainable()) wrt.add(p);
        Parameter input = new Parameter("input", x, DType.FLOAT64, true);
        inputs.put(model.inputNames().get(0), Expr.param(input));
        wrt.add(input);
        Expr y = model.expressions(inputs)[model.graph().outputs().values().iterator().next()];
        // A loss that weighs every output differently, so no symmetry hides a wrong gradient.
        int[] s = y.shape();
        s[0] = x.shape()[0];
        Tensor target = LayerGradientTest.random(99, s);
        Expr l = new Loss.MeanSquaredError().compute(Expr.constant(target), y);
        Plan plan = Plan.compile(List.of(l), DType.FLOAT64, 3);
        return GradientCheck.maxRelativeError(plan, l, wrt, p -> {});
    }

    static Model single(Layer layer, int... inputShape) {
        return LayerGradientTest.single(layer, inputShape);
    }

    static Tensor random(long seed, int... shape) {
        return LayerGradientTest.random(seed, shape);
    }

    private static Conv2D conv2d(String name, int filters, int[] kernel, int[] strides, Padding padding, int[] dilation, boolean bias) {
        return new Conv2D(name, filters, kernel, strides, padding, dilation, Activation.TANH, bias, Initializer.glorotUniform(),
                new Initializer.RandomUniform(-0.5, 0.5), null, null, true);
    }

    // ----- convolutions -----

    @Test void conv2dValid() {
        Model m = single(conv2d("c", 3, new int[] {3, 3}, null, Padding.VALID, null, true), 5, 5, 2);
        assertArrayEquals(new int[] {3, 3, 3}, m.graph().outputShape("y"));
        assertTrue(check(m, random(1, 2, 5, 5, 2)) < TOL);
    }

    @Test void conv2dSameStride2() {
        // Odd and even sizes: the extra padding row/column goes at the end, as in TensorFlow.
        Model m = single(conv2d("c", 2, new int[] {3, 2}, new int[] {2, 2}, Padding.SAME, null, true), 5, 6, 2);
        assertArrayEquals(new int[] {3, 3, 2}, m.graph().outputShape("y"));
        assertTrue(check(m, random(2, 2, 5, 6, 2)) < TOL);
    }

    @Test void conv2dDilationAndStrides() {
        Model valid = single(conv2d("c", 2, new int[] {2, 2}, null, Padding.VALID, new int[] {2, 2}, true), 5, 5, 1);
        assertArrayEquals(new int[] {3, 3, 2}, valid.graph().outputShape("y"));
        assertTrue(check(valid, random(3, 2, 5, 5, 1)) < TOL);
        Model same = single(conv2d("c", 2, new int[] {3, 3}, new int[] {1, 2}, Padding.SAME, new int[] {2, 1}, false), 4, 5, 2);
        assertArrayEquals(new int[] {4, 3, 2}, same.graph().outputShape("y"));
        assertTrue(check(same, random(4, 2, 4, 5, 2)) < TOL);
    }

    @Test void conv1dValidSameCausal() {
        for (Padding p : Padding.values()) {
            for (int[] sd : new int[][] {{1, 1}, {2, 1}, {1, 2}}) {
                Conv1D layer = new Conv1D("c", 2, 3, sd[0], p, sd[1], Activation.TANH, true, null,
                        new Initializer.RandomUniform(-0.5, 0.5), Regularizer.l2(0.01), null, true);
                Model m = single(layer, 7, 2);
                int expect = p == Padding.VALID ? (7 - sd[1] * 2 - 1) / sd[0] + 1 : (7 + sd[0] - 1) / sd[0];
                assertArrayEquals(new int[] {expect, 2}, m.graph().outputShape("y"), p + " " + sd[0] + "/" + sd[1]);
                double err = check(m, random(5, 2, 7, 2));
                assertTrue(err < TOL, p + " stride " + sd[0] + " dilation " + sd[1] + ": " + err);
            }
        }
    }

    @Test void causalConv1dSeesOnlyThePast() {
        Model m = single(Conv1D.of("c", 1, 3, Activation.LINEAR).withPadding(Padding.CAUSAL).withDilation(2), 6, 1);
        m.setWeights("c", List.of(Tensor.of(new double[] {1, 10, 100}, 3, 1, 1), Tensor.of(new double[] {0}, 1)));
        double[] y = m.predict(Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 1, 6, 1)).toDoubleArray();
        // y[t] = 1·x[t−4] + 10·x[t−2] + 100·x[t], zeros before the start.
        assertArrayEquals(new double[] {100, 200, 310, 420, 531, 642}, y, 1e-9);
    }

    // ----- pooling -----

    @Test void pooling2d() {
        List<Layer> pools = List.of(MaxPool2D.of("p", 2), AvgPool2D.of("p", 2),
                new MaxPool2D("p", new int[] {3, 3}, new int[] {2, 2}, Padding.SAME),
                new AvgPool2D("p", new int[] {3, 2}, new int[] {2, 1}, Padding.SAME),
                new MaxPool2D("p", new int[] {2, 3}, new int[] {1, 2}, Padding.VALID),
                new GlobalAveragePooling2D("p"));
        for (Layer pool : pools) {
            ModelBuilder b = new ModelBuilder();
            TensorRef x = b.input("x", 5, 5, 2);
            TensorRef h = b.apply(conv2d("c", 2, new int[] {1, 1}, null, Padding.VALID, null, true), x);
            TensorRef p = b.apply(pool, h);
            b.output("y", pool instanceof GlobalAveragePooling2D ? p : b.apply(new Flatten("f"), p));
            double err = check(b.build(6, DType.FLOAT64), random(7, 2, 5, 5, 2));
            assertTrue(err < TOL, pool + ": " + err);
        }
    }

    @Test void pooling1d() {
        List<Layer> pools = List.of(MaxPool1D.of("p", 2), AvgPool1D.of("p", 2),
                new MaxPool1D("p", 3, 2, Padding.SAME), new AvgPool1D("p", 3, 2, Padding.SAME),
                new AvgPool1D("p", 2, 1, Padding.VALID), new GlobalAveragePooling1D("p"));
        for (Layer pool : pools) {
            ModelBuilder b = new ModelBuilder();
            TensorRef x = b.input("x", 7, 3);
            TensorRef h = b.apply(Conv1D.of("c", 2, 1, Activation.TANH), x);
            TensorRef p = b.apply(pool, h);
            b.output("y", pool instanceof GlobalAveragePooling1D ? p : b.apply(new Flatten("f"), p));
            double err = check(b.build(8, DType.FLOAT64), random(9, 2, 7, 3));
            assertTrue(err < TOL, pool + ": " + err);
        }
    }

    @Test void poolingValues() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, 3, 3, 1);
        Tensor neg = Tensor.of(new double[] {-1, -2, -3, -4, -5, -6, -7, -8, -9}, 1, 3, 3, 1);
        MaxPool2D max = new MaxPool2D("p", new int[] {2, 2}, null, Padding.SAME);
        AvgPool2D avg = new AvgPool2D("p", new int[] {2, 2}, null, Padding.SAME);
        // Padded cells never win a max (all values negative here) and do not count in an average.
        assertArrayEquals(new double[] {-1, -3, -7, -9}, single(max, 3, 3, 1).predict(neg).toDoubleArray(), 1e-12);
        assertArrayEquals(new double[] {3, 4.5, 7.5, 9}, single(avg, 3, 3, 1).predict(x).toDoubleArray(), 1e-12);
        assertArrayEquals(new double[] {5}, single(MaxPool2D.of("p", 2), 3, 3, 1).predict(x).toDoubleArray(), 1e-12);
        assertArrayEquals(new double[] {5}, single(new GlobalAveragePooling2D("g"), 3, 3, 1).predict(x).toDoubleArray(), 1e-12);
        Tensor seq = Tensor.of(new double[] {1, -1, 2, -2, 3, -3, 4, -4, 5, -5}, 1, 5, 2);
        assertArrayEquals(new double[] {2, -1, 4, -3}, single(MaxPool1D.of("p", 2), 5, 2).predict(seq).toDoubleArray(), 1e-12);
        assertArrayEquals(new double[] {1.5, -1.5, 3.5, -3.5, 5, -5},
                single(new AvgPool1D("p", 2, 2, Padding.SAME), 5, 2).predict(seq).toDoubleArray(), 1e-12);
        assertArrayEquals(new double[] {3, -3}, single(new GlobalAveragePooling1D("g"), 5, 2).predict(seq).toDoubleArray(), 1e-12);
    }

    /** Outputs and gradients of one training step, in the given precision. */
    private static List<double[]> outputsAndGradients(Model m, Tensor x, boolean training) {
        Parameter input = new Parameter("input", x, m.dtype(), true);
        Expr y = m.expressions(Map.of("input", Expr.param(input)))[m.graph().outputs().values().iterator().next()];
        Expr l = y.times(y.plus(0.5)).sum();
        Plan plan = Plan.compile(List.of(l, y), m.dtype());
        plan.forward(training);
        plan.backward(l);
        List<double[]> out = new ArrayList<>();
        out.add(plan.value(y).toDoubleArray());
        out.add(plan.gradient(input).toDoubleArray());
        for (Parameter p : m.weights().all()) if (p.trainable()) out.add(plan.gradient(p).toDoubleArray());
        return out;
    }

    @Test void float32MatchesFloat64() {
        // float32 runs the fast natives (oneDNN when present), float64 the reference implementation.
        List<java.util.function.Function<DType, Model>> models = List.of(
                d -> new Sequential(7, 6, 3)
                        .add(Conv2D.of("c1", 4, 3, Activation.TANH).withStrides(2).withPadding(Padding.SAME))
                        .add(Conv2D.of("c2", 3, new int[] {2, 3}, Activation.LINEAR).withDilation(2, 1).withPadding(Padding.SAME))
                        .add(new MaxPool2D("m", new int[] {3, 3}, new int[] {2, 2}, Padding.SAME))
                        .add(BatchNormalization.of("bn"))
                        .add(new AvgPool2D("a", new int[] {2, 2}, new int[] {1, 1}, Padding.SAME))
                        .add(new Flatten("f")).build(8, d),
                d -> new Sequential(9, 2)
                        .add(Conv1D.of("c", 3, 3, Activation.TANH).withPadding(Padding.CAUSAL).withDilation(2))
                        .add(new MaxPool1D("m", 2, 1, Padding.SAME))
                        .add(new AvgPool1D("a", 3, 2, Padding.SAME))
                        .add(BatchNormalization.of("bn"))
                        .add(new GlobalAveragePooling1D("g")).build(9, d));
        for (var build : models) {
            Tensor x = random(60, build.apply(DType.FLOAT64).graph().inputShape("input")[0] == 7 ? new int[] {4, 7, 6, 3} : new int[] {4, 9, 2});
            for (boolean training : new boolean[] {true, false}) {
                List<double[]> d64 = outputsAndGradients(build.apply(DType.FLOAT64), x, training);
                List<double[]> d32 = outputsAndGradients(build.apply(DType.FLOAT32), x.to(DType.FLOAT32), training);
                for (int k = 0; k < d64.size(); k++) {
                    double scale = 0;
                    for (double v : d64.get(k)) scale = Math.max(scale, Math.abs(v));
                    assertArrayEquals(d64.get(k), d32.get(k), 1e-4 * Math.max(1, scale), "array " + k + " training " + training);
                }
            }
        }
    }

    @Test void nativeBackwardOverwritesItsBuffers() {
        // Plans reuse gradient buffers from step to step: a second backward must give the same values.
        ModelBuilder b = new ModelBuilder();
        TensorRef x = b.input("x", 6, 6, 2);
        TensorRef c = b.apply(conv2d("c", 3, new int[] {3, 3}, new int[] {2, 2}, Padding.SAME, null, true), x);
        TensorRef n = b.apply(BatchNormalization.of("bn"), c);
        TensorRef p = b.apply(new AvgPool2D("a", new int[] {2, 2}, null, Padding.SAME), b.apply(MaxPool2D.of("m", 1), n));
        b.output("y", b.apply(new Flatten("f"), p));
        Model m = b.build(4, DType.FLOAT64);
        Parameter input = new Parameter("input", random(40, 2, 6, 6, 2), DType.FLOAT64, true);
        Expr l = m.expressions(Map.of("x", Expr.param(input)))[m.graph().outputs().get("y")].square().sum();
        Plan plan = Plan.compile(List.of(l), DType.FLOAT64);
        List<Parameter> wrt = new ArrayList<>(m.weights().all());
        wrt.add(input);
        List<Tensor> first = new ArrayList<>();
        for (int step = 0; step < 2; step++) {
            plan.forward(true);
            plan.backward(l);
            for (int i = 0; i < wrt.size(); i++) {
                if (step == 0) first.add(plan.gradient(wrt.get(i)));
                else assertTrue(first.get(i).allClose(plan.gradient(wrt.get(i)), 1e-12), wrt.get(i).name());
            }
        }
    }

    // ----- forward values -----

    @Test void conv2dForwardByHand() {
        // x = 1..9 in a 3×3 image; filter 0 = [[1, 2], [3, 4]], filter 1 = all ones; biases 1 and 0.
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, 3, 3, 1);
        // Kernel layout [kh, kw, in, out]: element (i, j, 0, f).
        Tensor kernel = Tensor.of(new double[] {1, 1, 2, 1, 3, 1, 4, 1}, 2, 2, 1, 2);
        Tensor bias = Tensor.of(new double[] {1, 0}, 2);
        Model valid = single(Conv2D.of("c", 2, 2, Activation.LINEAR), 3, 3, 1);
        valid.setWeights("c", List.of(kernel, bias));
        // (0,0): 1·1 + 2·2 + 3·4 + 4·5 + 1 = 38; ones: 1 + 2 + 4 + 5 = 12, and so on.
        assertArrayEquals(new double[] {38, 12, 48, 16, 68, 24, 78, 28}, valid.predict(x).toDoubleArray(), 1e-12);

        Model same = single(Conv2D.of("c", 2, 2, Activation.LINEAR).withPadding(Padding.SAME), 3, 3, 1);
        same.setWeights("c", List.of(kernel, bias));
        double[] y = same.predict(x).toDoubleArray();
        assertEquals(3 * 3 * 2, y.length);
        // Right column: the window hangs over the right edge (zero padding at the end): 1·3 + 3·6 + 1 = 22.
        assertEquals(22, y[(0 * 3 + 2) * 2], 1e-12);
        // Bottom-right corner: only x[2][2] = 9 is inside: 1·9 + 1 = 10; ones: 9.
        assertEquals(10, y[(2 * 3 + 2) * 2], 1e-12);
        assertEquals(9, y[(2 * 3 + 2) * 2 + 1], 1e-12);

        Model strided = single(Conv2D.of("c", 2, 2, Activation.RELU).withStrides(2).withPadding(Padding.SAME), 3, 3, 1);
        strided.setWeights("c", List.of(kernel, bias));
        assertArrayEquals(new double[] {38, 12, 22, 9, 24, 15, 10, 9}, strided.predict(x).toDoubleArray(), 1e-12);
    }

    // ----- batch normalization -----

    private static Model bnModel(long seed) {
        ModelBuilder b = new ModelBuilder();
        TensorRef x = b.input("x", 4, 4, 2);
        TensorRef h = b.apply(conv2d("c", 3, new int[] {2, 2}, null, Padding.VALID, null, true), x);
        TensorRef n = b.apply(new BatchNormalization("bn", 0.9, 1e-3, true, true, null,
                new Initializer.RandomUniform(0.5, 1.5), null, null, null, Regularizer.l2(0.01), true), h);
        b.output("y", b.apply(Dense.of("out", 2, Activation.LINEAR), b.apply(new Flatten("f"), n)));
        return b.build(seed, DType.FLOAT64);
    }

    @Test void batchNormTrainingGradients() {
        assertTrue(check(bnModel(10), random(11, 3, 4, 4, 2)) < TOL);
        // On vectors, without scale or without offset.
        for (boolean[] cs : new boolean[][] {{true, true}, {false, true}, {true, false}}) {
            ModelBuilder b = new ModelBuilder();
            TensorRef x = b.input("x", 3);
            TensorRef n = b.apply(new BatchNormalization("bn", 0.99, 1e-3, cs[0], cs[1], new Initializer.RandomUniform(-1, 1),
                    new Initializer.RandomUniform(0.5, 1.5), null, null, null, null, true), x);
            b.output("y", b.apply(Dense.of("out", 2, Activation.SIGMOID), n));
            double err = check(b.build(12, DType.FLOAT64), random(13, 5, 3));
            assertTrue(err < TOL, "center " + cs[0] + " scale " + cs[1] + ": " + err);
        }
    }

    @Test void batchNormInferenceGradients() {
        Model m = bnModel(14);
        Map<String, Parameter> bn = m.weights().of("bn");
        bn.get("moving_mean").set(random(15, 3));
        bn.get("moving_variance").set(GradientCheck.param("v", 16, 0.5, 2, 3).get());
        // Gradients of the moving statistics exist at inference: make them trainable to check them too.
        bn.get("moving_mean").setTrainable(true);
        bn.get("moving_variance").setTrainable(true);
        Parameter input = new Parameter("input", random(17, 3, 4, 4, 2), DType.FLOAT64, true);
        Expr y = m.expressions(Map.of("x", Expr.param(input)))[m.graph().outputs().get("y")];
        Expr l = y.square().sum();
        Plan plan = Plan.compile(List.of(l), DType.FLOAT64);
        List<Parameter> wrt = new ArrayList<>(m.weights().all());
        wrt.add(input);
        plan.forward(false);
        plan.backward(l);
        double h = 1e-6, worst = 0;
        for (Parameter p : wrt) {
            double[] analytic = plan.gradient(p).toDoubleArray();
            double[] v = p.get().toDoubleArray();
            for (int i = 0; i < v.length; i++) {
                double orig = v[i];
                v[i] = orig + h;
                p.set(Tensor.of(v, p.shape()));
                plan.forward(false);
                double up = plan.scalar(l);
                v[i] = orig - h;
                p.set(Tensor.of(v, p.shape()));
                plan.forward(false);
                double down = plan.scalar(l);
                v[i] = orig;
                p.set(Tensor.of(v, p.shape()));
                double numeric = (up - down) / (2 * h);
                double diff = Math.abs(numeric - analytic[i]);
                if (diff > 1e-9) worst = Math.max(worst, diff / (Math.abs(numeric) + Math.abs(analytic[i])));
            }
        }
        assertTrue(worst < TOL, "inference-mode gradients: " + worst);
    }

    @Test void batchNormTrainingAndInferenceDiffer() {
        Model m = single(BatchNormalization.of("bn"), 2);
        Tensor x = Tensor.of(new double[] {1, 10, 3, 20, 5, 60}, 3, 2);
        // Inference with fresh statistics (mean 0, variance 1): y = x / sqrt(1 + 0.001).
        double[] inference = m.predict(x).toDoubleArray();
        assertEquals(1 / Math.sqrt(1.001), inference[0], 1e-12);
        // Training: normalized with the batch's statistics (biased variance), and the moving ones move.
        Expr in = Expr.input("x", -1, 2);
        Expr y = m.expressions(Map.of("x", in))[m.graph().outputs().get("y")];
        Plan plan = Plan.compile(List.of(y), DType.FLOAT64);
        plan.feed(in, x);
        plan.forward(true);
        double[] training = plan.value(y).toDoubleArray();
        double var0 = 8.0 / 3;   // values 1, 3, 5: mean 3, biased variance 8/3
        assertEquals((1 - 3) / Math.sqrt(var0 + 1e-3), training[0], 1e-9);
        assertFalse(Math.abs(training[0] - inference[0]) < 0.1);
        double[] mean = m.weights().of("bn").get("moving_mean").get().toDoubleArray();
        double[] variance = m.weights().of("bn").get("moving_variance").get().toDoubleArray();
        assertEquals(0.01 * 3, mean[0], 1e-12);
        assertEquals(0.01 * 30, mean[1], 1e-12);
        assertEquals(0.99 + 0.01 * var0, variance[0], 1e-12);
        // Frozen: training uses the moving statistics too, and leaves them alone.
        m.setTrainable("bn", false);
        assertFalse(m.weights().of("bn").get("gamma").trainable());
        plan.forward(true);
        assertArrayEquals(m.predict(x).toDoubleArray(), plan.value(y).toDoubleArray(), 1e-12);
        assertArrayEquals(mean, m.weights().of("bn").get("moving_mean").get().toDoubleArray(), 0);
        // Unfreezing does not make the moving statistics trainable.
        m.setTrainable("bn", true);
        assertTrue(m.weights().of("bn").get("gamma").trainable());
        assertFalse(m.weights().of("bn").get("moving_mean").trainable());
    }

    @Test void movingStatisticsStayFrozenInNestedModels() {
        Model inner = new Sequential(3).name("inner").add(BatchNormalization.of("bn")).build(1, DType.FLOAT32);
        ModelBuilder b = new ModelBuilder();
        TensorRef x = b.input("x", 3);
        b.output("y", b.apply(Dense.of("out", 1, Activation.LINEAR), b.apply(inner, x)));
        Model outer = b.build(2, DType.FLOAT32);
        assertTrue(outer.summary().contains("Non-trainable params: 6"), outer.summary());
        outer.setTrainable("bn", false);
        outer.setTrainable("bn", true);
        assertTrue(outer.weights().of("bn").get("beta").trainable());
        assertFalse(outer.weights().of("bn").get("moving_variance").trainable());
    }

    @Test void batchNormStatisticsAreSavedAndLoaded(@TempDir Path dir) {
        Model m = new Sequential(6, 6, 1)
                .add(Conv2D.of("conv", 4, 3, Activation.RELU))
                .add(BatchNormalization.of("bn", 0.5, 1e-3))
                .add(MaxPool2D.of("pool", 2))
                .add(new Flatten("flat"))
                .add(Dense.of("out", 1, Activation.LINEAR))
                .build(3, DType.FLOAT32);
        assertTrue(m.summary().contains("Non-trainable params: 8"), m.summary());
        assertEquals(4 * 4, m.weights().of("bn").values().stream().mapToLong(Parameter::size).sum());
        m.compile(CompileOptions.builder().optimizer(new Optimizer.Adam()).loss(new Loss.MeanSquaredError()).build());
        Tensor x = random(20, 8, 6, 6, 1).to(DType.FLOAT32);
        Tensor t = random(21, 8, 1).to(DType.FLOAT32);
        for (int i = 0; i < 3; i++) m.trainOnBatch(x, t);
        Tensor mean = m.weights().of("bn").get("moving_mean").get();
        Tensor variance = m.weights().of("bn").get("moving_variance").get();
        assertFalse(mean.allClose(Tensor.zeros(DType.FLOAT32, 4), 1e-6), "moving mean was updated in training");
        Path file = dir.resolve("cnn.strata");
        m.save(file);
        Model loaded = Model.load(file);
        assertTrue(loaded.weights().of("bn").get("moving_mean").get().allClose(mean, 0));
        assertTrue(loaded.weights().of("bn").get("moving_variance").get().allClose(variance, 0));
        assertFalse(loaded.weights().of("bn").get("moving_variance").trainable());
        assertTrue(loaded.predict(x).allClose(m.predict(x), 0));
        assertEquals(m.graph().layers(), loaded.graph().layers());
    }

    @Test void fitShufflesImageBatches() {
        // Shuffling gathers rows of rank-4 tensors.
        Tensor x = random(50, 12, 6, 6, 1).to(DType.FLOAT32);
        Tensor picked = x.gather(new int[] {3, 0});
        assertTrue(picked.allClose(Tensor.concatRows(List.of(x.rows(3, 4), x.rows(0, 1))), 0));
        Model m = new Sequential(6, 6, 1)
                .add(Conv2D.of("c", 2, 3, Activation.RELU)).add(new GlobalAveragePooling2D("g"))
                .add(Dense.of("out", 1, Activation.LINEAR)).build(5, DType.FLOAT32);
        m.compile(CompileOptions.builder().optimizer(new Optimizer.Adam()).loss(new Loss.MeanSquaredError()).build());
        m.fit(x, random(51, 12, 1).to(DType.FLOAT32), dev.strata.training.FitOptions.builder().epochs(2).batchSize(4).verbose(0).build());
    }

    @Test void everyLayerSurvivesSaveAndLoad(@TempDir Path dir) {
        Model image = new Sequential(8, 8, 2)
                .add(Conv2D.of("c1", 3, new int[] {3, 2}, Activation.ELU).withStrides(2, 1).withPadding(Padding.SAME))
                .add(Conv2D.of("c2", 3, 2, Activation.TANH).withDilation(2))
                .add(AvgPool2D.of("a", 2))
                .add(new MaxPool2D("m", new int[] {2, 2}, new int[] {1, 1}, Padding.SAME))
                .add(BatchNormalization.of("bn"))
                .add(new GlobalAveragePooling2D("g"))
                .build(1, DType.FLOAT32);
        Model sequence = new Sequential(10, 3)
                .add(Conv1D.of("c", 4, 3, Activation.RELU).withPadding(Padding.CAUSAL).withDilation(2))
                .add(MaxPool1D.of("m", 2))
                .add(new AvgPool1D("a", 2, 1, Padding.SAME))
                .add(new GlobalAveragePooling1D("g"))
                .build(2, DType.FLOAT32);
        int i = 0;
        for (Model m : List.of(image, sequence)) {
            Path file = dir.resolve("m" + (i++) + ".strata");
            m.save(file);
            Model loaded = Model.load(file);
            assertEquals(m.graph().layers(), loaded.graph().layers());
            int[] s = m.graph().inputShape("input");
            int[] full = new int[s.length + 1];
            full[0] = 3;
            System.arraycopy(s, 0, full, 1, s.length);
            Tensor x = random(30, full).to(DType.FLOAT32);
            assertTrue(loaded.predict(x).allClose(m.predict(x), 0));
        }
    }

    // ----- shape errors -----

    private static String error(Layer layer, int... inputShape) {
        return assertThrows(LayerException.class, () -> single(layer, inputShape)).getMessage();
    }

    @Test void shapeErrorsNameTheLayerAndShapes() {
        String flat = error(Conv2D.of("conv_1", 8, 3, Activation.RELU), 784);
        assertTrue(flat.contains("'conv_1' (Conv2D)") && flat.contains("(None, height, width, channels)") && flat.contains("(None, 784)"), flat);
        String big = error(Conv2D.of("conv_2", 8, 5, Activation.RELU), 3, 3, 1);
        assertTrue(big.contains("'conv_2'") && big.contains("5×5") && big.contains("(None, 3, 3, 1)") && big.contains("same"), big);
        String seq = error(Conv1D.of("conv1d", 4, 3, Activation.RELU), 10);
        assertTrue(seq.contains("'conv1d' (Conv1D)") && seq.contains("(None, steps, channels)") && seq.contains("(None, 10)"), seq);
        String shortSeq = error(Conv1D.of("conv1d", 4, 3, Activation.RELU).withDilation(3), 5, 2);
        assertTrue(shortSeq.contains("does not fit") && shortSeq.contains("(None, 5, 2)"), shortSeq);
        String pool = error(MaxPool2D.of("pool", 2), 10, 3);
        assertTrue(pool.contains("'pool' (MaxPooling2D)") && pool.contains("(None, 10, 3)"), pool);
        String pool1 = error(AvgPool1D.of("pool", 4), 3, 2);
        assertTrue(pool1.contains("'pool' (AveragePooling1D)") && pool1.contains("(None, 3, 2)"), pool1);
        String gap = error(new GlobalAveragePooling2D("gap"), 10, 3);
        assertTrue(gap.contains("'gap'") && gap.contains("(None, 10, 3)"), gap);
        String gap1 = error(new GlobalAveragePooling1D("gap"), 4, 4, 3);
        assertTrue(gap1.contains("'gap'") && gap1.contains("(None, 4, 4, 3)"), gap1);
        // After a mismatch further down a Sequential stack, the layer is still named.
        String dense = assertThrows(LayerException.class, () -> new Sequential(8, 8, 1)
                .add(Conv2D.of("c", 2, 3, Activation.RELU)).add(Dense.of("d", 3, Activation.RELU)).build()).getMessage();
        assertTrue(dense.contains("'d'") && dense.contains("(None, 6, 6, 2)"), dense);
        assertThrows(IllegalArgumentException.class, () -> Conv2D.of("c", 0, 3, Activation.RELU));
        assertThrows(IllegalArgumentException.class, () -> Conv2D.of("c", 2, 3, Activation.RELU).withPadding(Padding.CAUSAL));
        assertThrows(IllegalArgumentException.class, () -> new MaxPool2D("p", new int[] {2, 2, 2}, null, Padding.VALID));
        assertThrows(IllegalArgumentException.class, () -> BatchNormalization.of("bn", 1.5, 1e-3));
    }
}
