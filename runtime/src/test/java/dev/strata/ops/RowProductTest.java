package dev.strata.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The blocked OpenBLAS row product against a double-precision loop, across block boundaries. */
class RowProductTest {
    private static void check(int in, int units) {
        SplittableRandom r = new SplittableRandom(in * 31L + units);
        float[] w = new float[in * units], x = new float[in];
        for (int i = 0; i < w.length; i++) w[i] = (float) r.nextDouble(-1, 1);
        for (int i = 0; i < in; i++) x[i] = (float) r.nextDouble(-1, 1);
        float[] y = new float[units + 1];
        y[units] = 7f; // past the output: must stay untouched
        new RowProduct(w, in, units).apply(x, y, new RowProduct.Scratch(Math.max(in, units) + 3));
        for (int j = 0; j < units; j++) {
            double want = 0;
            for (int i = 0; i < in; i++) want += (double) x[i] * w[i * units + j];
            assertEquals(want, y[j], 1e-4 * Math.sqrt(in), in + "×" + units + " unit " + j);
        }
        assertEquals(7f, y[units], 0f);
    }

    @Test void matchesALoopAcrossBlockBoundaries() {
        check(1, 1);
        check(3, 2);
        check(100, 128);   // 71-row blocks: one full, one partial
        check(784, 256);   // 35-row blocks: T2's first layer
        check(20000, 1);   // one column, blocks of 9215 rows
    }

    @Test void handComputedProduct() {
        // x = [1, 2], W = [[1, 2, 3], [4, 5, 6]]: x·W = [9, 12, 15]
        float[] y = new float[3];
        new RowProduct(new float[] {1, 2, 3, 4, 5, 6}, 2, 3).apply(new float[] {1, 2}, y, new RowProduct.Scratch(3));
        assertEquals(9f, y[0], 0f);
        assertEquals(12f, y[1], 0f);
        assertEquals(15f, y[2], 0f);
    }

    @Test void badShapesAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RowProduct(new float[5], 2, 3));
        assertEquals("row product: expected a 2×3 kernel (6 values), got 5 values", e.getMessage());
        RowProduct p = new RowProduct(new float[6], 2, 3);
        e = assertThrows(IllegalArgumentException.class, () -> p.apply(new float[2], new float[3], new RowProduct.Scratch(2)));
        assertEquals("row product: scratch holds 2 values, needs 3", e.getMessage());
    }
}
