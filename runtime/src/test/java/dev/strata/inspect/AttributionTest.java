package dev.strata.inspect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.activations.Activation;
import dev.strata.layers.Dense;
import dev.strata.model.Model;
import dev.strata.model.Sequential;
import dev.strata.ops.DType;
import dev.strata.ops.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Kernel SHAP's efficiency and linear-model values; integrated gradients' completeness. */
class AttributionTest {
    private static Model nonlinear(int features) {
        return new Sequential(features).add(Dense.of("h", 6, Activation.TANH)).add(Dense.of("h2", 4, Activation.RELU))
                .add(Dense.of("out", 2, Activation.SIGMOID)).build(11, DType.FLOAT64);
    }

    private static Model smooth(int features) {
        return new Sequential(features).add(Dense.of("h", 6, Activation.TANH)).add(Dense.of("h2", 4, Activation.SOFTPLUS))
                .add(Dense.of("out", 2, Activation.SIGMOID)).build(11, DType.FLOAT64);
    }

    private static Model linear(double[] w, double b) {
        Model m = new Sequential(w.length).add(Dense.of("out", 1, Activation.LINEAR)).build(1, DType.FLOAT64);
        m.setWeights("out", List.of(Tensor.of(w, w.length, 1), Tensor.of(new double[] {b}, 1)));
        return m;
    }

    @Test void exactShapSumsToPredictionMinusMeanBackground() {
        Model m = nonlinear(8);
        Tensor background = Tensor.of(GradientsTest.random(20 * 8, 3), 20, 8);
        Tensor x = Tensor.of(GradientsTest.random(8, 4), 1, 8);
        Attribution a = KernelShap.of(m, background).withOutput("out", 1).explain(x);
        double fx = m.predict(x).get(0, 1);
        double mean = 0;
        for (int r = 0; r < 20; r++) mean += m.predict(background).get(r, 1) / 20;
        assertEquals(fx, a.prediction(), 1e-12);
        assertEquals(mean, a.baseValue(), 1e-12);
        assertEquals(fx - mean, a.sum(), 1e-6);
        assertEquals(8, a.contributions().length);
    }

    @Test void shapOnALinearModelIsWeightTimesDistanceFromTheBackgroundMean() {
        for (int features : new int[] {5, 15}) { // exact enumeration, then sampling above 12 features
            double[] w = GradientsTest.random(features, 20 + features);
            Model m = linear(w, 0.3);
            Tensor background = Tensor.of(GradientsTest.random(10 * features, 5), 10, features);
            double[] x = GradientsTest.random(features, 6);
            Attribution a = KernelShap.of(m, background).withSeed(2).explain(Tensor.of(x, 1, features));
            double[] bg = background.toDoubleArray();
            for (int i = 0; i < features; i++) {
                double mean = 0;
                for (int r = 0; r < 10; r++) mean += bg[r * features + i] / 10;
                assertEquals(w[i] * (x[i] - mean), a.contributions()[i], 1e-6, features + " features, feature " + i);
            }
        }
    }

    @Test void sampledShapIsEfficientAndSeeded() {
        Model m = nonlinear(14);
        Tensor background = Tensor.of(GradientsTest.random(5 * 14, 7), 5, 14);
        Tensor x = Tensor.of(GradientsTest.random(14, 8), 1, 14);
        KernelShap shap = KernelShap.of(m, background).withSamples(600).withSeed(2);
        Attribution a = shap.explain(x);
        assertEquals(a.prediction() - a.baseValue(), a.sum(), 1e-9);
        assertArrayEquals(a.contributions(), shap.explain(x).contributions(), 0.0);
        // Close to the exact values (enumerating all 16,384 coalitions).
        Attribution exact = shap.withExactUpTo(14).explain(x);
        for (int i = 0; i < 14; i++) assertEquals(exact.contributions()[i], a.contributions()[i], 0.02, "feature " + i);
    }

    @Test void integratedGradientsAreCompleteWithinOnePercentAt64Steps() {
        // A smooth net: at ReLU kinks the path integrand jumps and the trapezoidal rule converges more slowly.
        Model m = smooth(5);
        Tensor x = Tensor.of(new double[] {1.5, -2, 0.7, 2.5, -1.1}, 1, 5);
        Tensor baseline = Tensor.of(new double[] {-0.5, 0.5, 0, -1, 0.2}, 1, 5);
        for (int unit = 0; unit < 2; unit++) {
            Attribution a = IntegratedGradients.of(m).withBaseline(baseline).withOutput("out", unit).explain(x);
            assertEquals(m.predict(x).get(0, unit), a.prediction(), 1e-12);
            assertEquals(m.predict(baseline).get(0, unit), a.baseValue(), 1e-12);
            double delta = a.prediction() - a.baseValue();
            assertTrue(Math.abs(delta) > 1e-3, "a real difference to explain: " + delta);
            assertEquals(delta, a.sum(), 0.01 * Math.abs(delta), "unit " + unit);
        }
        // On a linear model integrated gradients are exact: w_i (x_i - baseline_i).
        double[] w = {0.5, -2, 1, 3, 0.25};
        Attribution lin = IntegratedGradients.of(linear(w, 1)).withSteps(4).withBaseline(baseline).explain(x);
        for (int i = 0; i < 5; i++) assertEquals(w[i] * (x.get(0, i) - baseline.get(0, i)), lin.contributions()[i], 1e-12);
    }

    @Test void badRequestsNameTheShapesAndTheUnit() {
        Model m = nonlinear(4);
        Tensor bg = Tensor.of(new double[8], 2, 4);
        var shape = assertThrows(IllegalArgumentException.class, () -> KernelShap.of(m, bg).explain(Tensor.of(new double[3], 1, 3)));
        assertTrue(shape.getMessage().contains("[1, 4]") && shape.getMessage().contains("[1, 3]"), shape.getMessage());
        var bgShape = assertThrows(IllegalArgumentException.class, () -> KernelShap.of(m, Tensor.of(new double[6], 2, 3)));
        assertTrue(bgShape.getMessage().contains("background"), bgShape.getMessage());
        var unit = assertThrows(IllegalArgumentException.class, () -> IntegratedGradients.of(m).withOutput("out", 5));
        assertTrue(unit.getMessage().contains("unit 5") && unit.getMessage().contains("2 values per row"), unit.getMessage());
        Attribution a = new Attribution(new double[] {0.1, -0.5, 0.3}, 0, 0);
        assertArrayEquals(new int[] {1, 2, 0}, a.byMagnitude());
    }
}
