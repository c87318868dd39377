package dev.strata.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** ReLU's branch-free backward mask keeps exactly the gradients a comparison {@code y > 0} keeps. */
class ReluMaskTest {
    @Test
    void maskEqualsTheComparisonOnEdgeValues() {
        float[] y = {0f, -0f, Float.MIN_VALUE, Float.MIN_NORMAL, 1e-30f, 0.5f, 3e38f, Float.POSITIVE_INFINITY, -1f,
                Float.NEGATIVE_INFINITY, -Float.MIN_VALUE};
        float[] d = new float[y.length];
        for (int i = 0; i < d.length; i++) d[i] = i + 1.5f;
        float[] expected = new float[y.length];
        for (int i = 0; i < y.length; i++) expected[i] = y[i] > 0f ? d[i] : 0f;
        Unary.keepWherePositive(y, d, y.length);
        for (int i = 0; i < y.length; i++) assertEquals(expected[i], d[i], 0f, "y = " + y[i]);
        assertEquals(0f, d[0]);
        assertEquals(4.5f, d[3]);
    }

    @Test
    void maskEqualsTheComparisonOnRandomReluOutputs() {
        SplittableRandom r = new SplittableRandom(3);
        int n = 10_000;
        float[] y = new float[n], d = new float[n], expected = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = Math.max((float) r.nextDouble(-1, 1), 0f);
            d[i] = (float) r.nextGaussian();
            expected[i] = y[i] > 0f ? d[i] : 0f;
        }
        Unary.keepWherePositive(y, d, n);
        for (int i = 0; i < n; i++) assertEquals(expected[i], d[i], 0f, "at " + i);
    }
}
