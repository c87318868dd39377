package dev.strata.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.strata.ops.Tensor;
import org.junit.jupiter.api.Test;

/** Metric values on small hand-checked cases. */
class MetricTest {
    private static double m(String name, double[] t, double[] p) {
        return Metric.named(name).compute(Tensor.of(t, t.length, 1), Tensor.of(p, p.length, 1));
    }

    @Test void regression() {
        double[] t = {1, 2, 3, 4}, p = {1.5, 2, 2, 5};
        assertEquals((0.25 + 0 + 1 + 1) / 4, m("mse", t, p), 1e-12);
        assertEquals((0.5 + 0 + 1 + 1) / 4, m("mae", t, p), 1e-12);
        assertEquals(Math.sqrt(2.25 / 4), m("rmse", t, p), 1e-12);
        assertEquals(1 - 2.25 / 5.0, m("r2", t, p), 1e-12);
    }

    @Test void classification() {
        double[] t = {0, 0, 1, 1, 1}, p = {0.1, 0.6, 0.4, 0.8, 0.9};
        // Positive scores 0.4, 0.8, 0.9 vs negatives 0.1, 0.6: 5 of 6 pairs ordered.
        assertEquals(5.0 / 6, m("auc", t, p), 1e-12);
        assertEquals(0.6, m("binary_accuracy", t, p), 1e-12);
        assertEquals(2.0 / 3, m("precision", t, p), 1e-12);
        assertEquals(2.0 / 3, m("recall", t, p), 1e-12);
        assertEquals(2.0 / 3, m("f1", t, p), 1e-12);
        assertEquals((0.01 + 0.36 + 0.36 + 0.04 + 0.01) / 5, m("brier", t, p), 1e-12);
    }

    @Test void categoricalAndCustom() {
        Tensor oneHot = Tensor.of(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, 3, 3);
        Tensor probs = Tensor.of(new double[] {0.7, 0.2, 0.1, 0.5, 0.3, 0.2, 0.1, 0.1, 0.8}, 3, 3);
        assertEquals(2.0 / 3, Metric.named("categorical_accuracy").compute(oneHot, probs), 1e-12);
        assertEquals(2.0 / 3, Metric.named("sparse_categorical_accuracy").compute(Tensor.of(new double[] {0, 1, 2}, 3, 1), probs), 1e-12);
        Metric meanPrediction = new Metric.Custom("mean_pred", (t, p) -> p.mean());
        assertEquals(3.0 / 9, meanPrediction.compute(oneHot, probs), 1e-12);
    }

    @Test void unknownName() {
        var e = assertThrows(IllegalArgumentException.class, () -> Metric.named("acuracy"));
        assertEquals(true, e.getMessage().startsWith("unknown metric 'acuracy': expected accuracy"));
    }
}
