package dev.strata.spark.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ExchangeMathTest {
    @Test
    void weightedMeanWeighsByRowsAndSkipsEmptyReplicas() {
        // (3·[1, 2] + 1·[5, -2] + 0·[100, 100]) / 4 = [2, 1]
        float[] mean = Exchange.weightedMean(new float[][] {{1, 2}, {5, -2}, {100, 100}}, new long[] {3, 1, 0});
        assertArrayEquals(new float[] {2f, 1f}, mean);
        assertNull(Exchange.weightedMean(new float[][] {{1}, {2}}, new long[] {0, 0}), "no rows anywhere: no update");
    }

    @Test
    void floatCodecRoundTripsExactly() {
        float[] v = {0f, -0f, 1.5f, Float.MIN_VALUE, Float.MAX_VALUE, (float) Math.PI, Float.NaN};
        String text = FloatCodec.encode(new double[] {64, 0.25}, v);
        assertEquals(4 * ((4 + 16 + 4 * v.length + 2) / 3), text.length(), "Base64 of 4 + 8·2 + 4·7 bytes");
        float[] back = new float[v.length];
        assertArrayEquals(new double[] {64, 0.25}, FloatCodec.decode(text, back));
        for (int i = 0; i < v.length; i++) assertEquals(Float.floatToRawIntBits(v[i]), Float.floatToRawIntBits(back[i]), "value " + i);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> FloatCodec.decode(text, new float[3]));
        assertEquals("replica message holds 7 values, expected 3: replicas run different models", e.getMessage());
    }
}
