package dev.strata.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.layers.GRU;
import dev.strata.layers.LSTM;
import dev.strata.layers.SimpleRNN;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Keras's Orthogonal: orthonormal rows or columns (whichever are fewer) times the gain; the recurrent default. */
class OrthogonalTest {
    /** Largest |(M Mᵀ or Mᵀ M) − gain²·I| over the smaller Gram matrix of a rows × cols matrix. */
    private static double gramError(double[] m, int rows, int cols, double gain) {
        boolean byRows = rows <= cols;
        int n = byRows ? rows : cols, len = byRows ? cols : rows;
        double worst = 0;
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                double dot = 0;
                for (int k = 0; k < len; k++) {
                    dot += byRows ? m[a * cols + k] * m[b * cols + k] : m[k * cols + a] * m[k * cols + b];
                }
                worst = Math.max(worst, Math.abs(dot - (a == b ? gain * gain : 0)));
            }
        }
        return worst;
    }

    @Test void wideTallSquareAndStackedShapesAreOrthogonal() {
        int[][] shapes = {{8, 32}, {32, 8}, {16, 16}, {3, 2, 5}};
        for (int[] shape : shapes) {
            int cols = shape[shape.length - 1], rows = 1;
            for (int i = 0; i < shape.length - 1; i++) rows *= shape[i];
            double[] m = new Initializer.Orthogonal(1.5).sample(shape, new SplittableRandom(3));
            assertEquals(rows * cols, m.length);
            assertTrue(gramError(m, rows, cols, 1.5) < 1e-12, java.util.Arrays.toString(shape));
        }
    }

    @Test void seedsDecideTheDrawAndVectorsAreRefused() {
        Initializer o = Initializer.orthogonal();
        assertEquals(java.util.Arrays.toString(o.sample(new int[] {4, 4}, new SplittableRandom(1))),
                java.util.Arrays.toString(o.sample(new int[] {4, 4}, new SplittableRandom(1))));
        assertNotEquals(java.util.Arrays.toString(o.sample(new int[] {4, 4}, new SplittableRandom(1))),
                java.util.Arrays.toString(o.sample(new int[] {4, 4}, new SplittableRandom(2))));
        var e = assertThrows(IllegalArgumentException.class, () -> o.sample(new int[] {5}, new SplittableRandom(1)));
        assertTrue(e.getMessage().contains("[5]"), e.getMessage());
    }

    @Test void recurrentLayersDrawTheirRecurrentKernelOrthogonal() {
        assertEquals(new Initializer.Orthogonal(1.0), LSTM.of("l", 4).recurrentInitializer());
        assertEquals(new Initializer.Orthogonal(1.0), GRU.of("g", 4).recurrentInitializer());
        assertEquals(new Initializer.Orthogonal(1.0), SimpleRNN.of("s", 4).recurrentInitializer());
    }
}
