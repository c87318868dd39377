package dev.strata.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.activations.Activation;
import dev.strata.init.Initializer;
import dev.strata.losses.Loss;
import dev.strata.model.Model;
import dev.strata.model.ModelBuilder;
import dev.strata.model.TensorRef;
import dev.strata.ops.DType;
import dev.strata.ops.Tensor;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The activations and layers Keras models commonly use beyond Strata's first set (hard sigmoid,
 * softsign, swish, exponential, relu6, mish; the ReLU, ThresholdedReLU, PReLU and Permute layers):
 * values against closed forms and gradients against finite differences.
 */
class KerasActivationLayerTest {
    private static final double TOL = 1e-6;
    private static final double[] XS = {-7.5, -2.6, -1.2, -0.3, 0.15, 0.4, 1.7, 2.4, 6.5};

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    private static Tensor scaled(Tensor t, double by) {
        double[] v = t.toDoubleArray();
        for (int i = 0; i < v.length; i++) v[i] *= by;
        return Tensor.of(v, t.shape());
    }

    private static Tensor predict(Layer layer, double[] xs) {
        Model m = LayerGradientTest.single(layer, xs.length);
        return m.predict(Tensor.of(xs, 1, xs.length));
    }

    private static void assertValues(String what, Layer layer, DoubleUnaryOperator f) {
        double[] got = predict(layer, XS).toDoubleArray();
        for (int i = 0; i < XS.length; i++) assertEquals(f.applyAsDouble(XS[i]), got[i], 1e-12, what + " at " + XS[i]);
    }

    @Test void newActivationsHaveTheirClosedForms() {
        Map<Activation, DoubleUnaryOperator> forms = Map.of(
                Activation.HARD_SIGMOID, x -> Math.max(0, Math.min(1, 0.2 * x + 0.5)),
                Activation.hardSigmoid(1.0 / 6), x -> Math.max(0, Math.min(1, x / 6 + 0.5)),
                Activation.SOFTSIGN, x -> x / (1 + Math.abs(x)),
                Activation.SWISH, x -> x * sigmoid(x),
                Activation.EXPONENTIAL, Math::exp,
                Activation.RELU6, x -> Math.min(Math.max(x, 0), 6),
                Activation.MISH, x -> x * Math.tanh(Math.log1p(Math.exp(x))));
        forms.forEach((a, f) -> assertValues(a.label() + " " + a.alpha(), new ActivationLayer("a", a), f));
        assertEquals(Activation.HARD_SIGMOID, Activation.named("hard_sigmoid"));
        assertEquals(Activation.SWISH, Activation.named("silu"));
    }

    @Test void newActivationGradientsMatchFiniteDifferences() {
        for (Activation a : List.of(Activation.HARD_SIGMOID, Activation.SOFTSIGN, Activation.SWISH, Activation.EXPONENTIAL,
                Activation.RELU6, Activation.MISH)) {
            Model m = LayerGradientTest.single(new Dense("d", 3, a, true, new Initializer.GlorotUniform(),
                    new Initializer.RandomUniform(-0.5, 0.5), null, null, true), 4);
            double err = LayerGradientTest.check(m, new Loss.MeanSquaredError(), Map.of("x", scaled(LayerGradientTest.random(1, 5, 4), 3)),
                    LayerGradientTest.random(2, 5, 3));
            assertTrue(err < TOL, a.label() + ": " + err);
        }
    }

    @Test void hardSigmoidGatesInRecurrentCells() {
        for (Layer rnn : List.of(
                new LSTM("r", 3, Activation.TANH, Activation.HARD_SIGMOID, true, Initializer.glorotUniform(), Initializer.orthogonal(),
                        new Initializer.RandomUniform(-0.5, 0.5), false, null, null, null, true, false, true),
                new GRU("r", 3, Activation.TANH, Activation.hardSigmoid(1.0 / 6), true, Initializer.glorotUniform(), Initializer.orthogonal(),
                        new Initializer.RandomUniform(-0.5, 0.5), null, null, null, false, true, false, true))) {
            Model m = LayerGradientTest.single(rnn, 4, 2);
            double err = LayerGradientTest.check(m, new Loss.MeanSquaredError(), Map.of("x", LayerGradientTest.random(3, 2, 4, 2)),
                    LayerGradientTest.random(4, 2, 4, 3));
            assertTrue(err < TOL, rnn.typeName() + " with hard sigmoid gates: " + err);
        }
    }

    @Test void reluLayerWithMaxValueSlopeAndThreshold() {
        assertValues("relu(max 6)", new ReLU("r", 6.0, 0, 0), x -> Math.min(Math.max(x, 0), 6));
        assertValues("relu(slope, threshold)", new ReLU("r", 2.0, 0.1, 0.3), x -> x > 0.3 ? Math.min(x, 2) : 0.1 * (x - 0.3));
        assertValues("thresholded", new ThresholdedReLU("t", 1.0), x -> x > 1.0 ? x : 0);
        for (Layer l : List.of(new ReLU("r", 0.8, 0.1, 0.2), new ThresholdedReLU("t", 0.25))) {
            ModelBuilder b = new ModelBuilder();
            TensorRef x = b.input("x", 4);
            TensorRef h = b.apply(Dense.of("d", 6, Activation.LINEAR), x);
            b.output("y", b.apply(l, h));
            Model m = b.build(3, DType.FLOAT64);
            double err = LayerGradientTest.check(m, new Loss.MeanSquaredError(), Map.of("x", LayerGradientTest.random(4, 5, 4)),
                    LayerGradientTest.random(5, 5, 6));
            assertTrue(err < TOL, l.typeName() + ": " + err);
        }
    }

    @Test void preluLearnsOneAlphaPerSharedSlice() {
        PReLU p = new PReLU("p", new int[] {1}, new Initializer.RandomUniform(0.1, 0.5), null, true);
        Model m = LayerGradientTest.single(p, 3, 2);
        assertArrayEquals(new int[] {1, 2}, m.getWeights("p").get(0).shape());
        m.setWeights("p", List.of(Tensor.of(new double[] {0.25, 0.5}, 1, 2)));
        double[] y = m.predict(Tensor.of(new double[] {-4, -4, 1, -2, 3, 8}, 1, 3, 2)).toDoubleArray();
        assertArrayEquals(new double[] {-1, -2, 1, -1, 3, 8}, y, 1e-12);
        double err = LayerGradientTest.check(m, new Loss.MeanSquaredError(), Map.of("x", LayerGradientTest.random(6, 4, 3, 2)),
                LayerGradientTest.random(7, 4, 3, 2));
        assertTrue(err < TOL, "prelu: " + err);
    }

    @Test void permuteSwapsAxesAndPassesGradientsBack() {
        Model m = LayerGradientTest.single(new Permute("perm", new int[] {2, 1}), 2, 3);
        Tensor y = m.predict(Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 1, 2, 3));
        assertArrayEquals(new int[] {1, 3, 2}, y.shape());
        assertArrayEquals(new double[] {1, 4, 2, 5, 3, 6}, y.toDoubleArray(), 0);
        ModelBuilder b = new ModelBuilder();
        TensorRef x = b.input("x", 3, 2);
        TensorRef t = b.apply(new Permute("perm", new int[] {2, 1}), x);
        b.output("y", b.apply(new TimeDistributed("td", Dense.of("d", 2, Activation.TANH)), t));
        double err = LayerGradientTest.check(b.build(2, DType.FLOAT64), new Loss.MeanSquaredError(),
                Map.of("x", LayerGradientTest.random(8, 4, 3, 2)), LayerGradientTest.random(9, 4, 2, 2));
        assertTrue(err < TOL, "permute: " + err);
    }
}
