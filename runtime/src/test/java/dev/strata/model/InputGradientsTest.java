package dev.strata.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.activations.Activation;
import dev.strata.layers.Dense;
import dev.strata.layers.Dropout;
import dev.strata.ops.DType;
import dev.strata.ops.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Input gradients against central finite differences of predictions, row by row. */
class InputGradientsTest {
    private static Model model() {
        return new Sequential(3).add(Dense.of("h", 5, Activation.TANH)).add(new Dropout("drop", 0.5))
                .add(Dense.of("out", 2, Activation.SIGMOID)).build(4, DType.FLOAT64);
    }

    @Test void matchFiniteDifferencesOfPredictions() {
        Model m = model();
        SplittableRandom r = new SplittableRandom(9);
        double[] x = new double[4 * 3];
        for (int i = 0; i < x.length; i++) x[i] = r.nextDouble(-1, 1);
        for (int unit = 0; unit < 2; unit++) {
            double[] analytic = InputGradients.of(m, Tensor.of(x, 4, 3), "out", unit).toDoubleArray();
            assertEquals(x.length, analytic.length);
            double h = 1e-6;
            for (int i = 0; i < x.length; i++) {
                double[] up = x.clone(), down = x.clone();
                up[i] += h;
                down[i] -= h;
                int row = i / 3;
                double numeric = (m.predict(Tensor.of(up, 4, 3)).toDoubleArray()[row * 2 + unit]
                        - m.predict(Tensor.of(down, 4, 3)).toDoubleArray()[row * 2 + unit]) / (2 * h);
                assertEquals(numeric, analytic[i], 1e-8, "unit " + unit + " value " + i);
            }
        }
    }

    @Test void namesTheOutputAndTheRangeOnBadRequests() {
        Model m = model();
        Tensor x = Tensor.of(new double[3], 1, 3);
        var unknown = assertThrows(IllegalArgumentException.class, () -> InputGradients.of(m, x, "nope", 0));
        assertTrue(unknown.getMessage().contains("'nope'") && unknown.getMessage().contains("[out]"), unknown.getMessage());
        var range = assertThrows(IllegalArgumentException.class, () -> InputGradients.of(m, x, "out", 2));
        assertTrue(range.getMessage().contains("2 values per row") && range.getMessage().contains("unit 2"), range.getMessage());
        assertArrayEquals(new int[] {1, 3}, InputGradients.of(m, x, "out", 1).shape());
    }
}
