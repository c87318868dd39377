package dev.strata.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class MinMaxScalerTest {
    private static final float[][] TRAIN = {{1, -10, 7}, {3, 10, 7}, {2, 0, 7}};
    private static final float EPS = 1e-6f;

    @Test
    void mapsTrainingRangeToZeroOne() {
        MinMaxScaler scaler = MinMaxScaler.fit(TRAIN);
        assertArrayEquals(new float[][] {{0, 0, 0}, {1, 1, 0}, {0.5f, 0.5f, 0}}, scaler.transform(TRAIN));
        assertEquals(new MinMaxScaler.State(new double[] {1, -10, 7}, new double[] {3, 10, 7}, 0, 1), scaler.state());
    }

    @Test
    void customFeatureRange() {
        MinMaxScaler scaler = MinMaxScaler.fit(TRAIN, -1, 1);
        assertArrayEquals(new float[] {-1, -1, -1, 1, 1, -1, 0, 0, -1},
                scaler.transform(new float[] {1, -10, 7, 3, 10, 7, 2, 0, 7}), EPS);
    }

    @Test
    void testDataOutsideTheTrainingRangeIsNotClipped() {
        MinMaxScaler scaler = MinMaxScaler.fit(TRAIN);
        assertArrayEquals(new float[] {2, -0.5f, 0}, scaler.transform(new float[][] {{5, -20, 7}})[0], EPS);
    }

    @Test
    void roundTripsThroughInverseTransform() {
        MinMaxScaler scaler = MinMaxScaler.fit(TRAIN, -1, 1);
        float[][] back = scaler.inverseTransform(scaler.transform(TRAIN));
        for (int r = 0; r < TRAIN.length; r++) {
            assertArrayEquals(TRAIN[r], back[r], EPS);
        }
    }

    @Test
    void stateRoundTripsThroughJson() throws Exception {
        MinMaxScaler scaler = MinMaxScaler.fit(TRAIN, -1, 1);
        ObjectMapper json = new ObjectMapper();
        MinMaxScaler.State state = json.readValue(json.writeValueAsString(scaler.state()), MinMaxScaler.State.class);
        assertEquals(scaler.state(), state);
        Scaler restored = MinMaxScaler.fromState(state);
        assertArrayEquals(scaler.transform(TRAIN)[1], restored.transform(TRAIN)[1]);
    }

    @Test
    void rejectsAnEmptyFeatureRange() {
        assertThrows(IllegalArgumentException.class, () -> MinMaxScaler.fit(TRAIN, 1, 1));
    }
}
