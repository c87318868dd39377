package dev.strata.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class StandardScalerTest {
    private static final float[][] TRAIN = {{1, 10, 5}, {2, 20, 5}, {3, 30, 5}, {4, 40, 5}};
    private static final float EPS = 1e-6f;

    @Test
    void fitsMeanAndPopulationStd() {
        StandardScaler scaler = StandardScaler.fit(TRAIN);
        assertArrayEquals(new double[] {2.5, 25, 5}, scaler.state().mean(), 1e-12);
        // Population std of 1..4 is sqrt(1.25); the constant feature keeps scale 1.
        assertArrayEquals(new double[] {Math.sqrt(1.25), 10 * Math.sqrt(1.25), 1}, scaler.state().scale(), 1e-12);
        float[][] z = scaler.transform(TRAIN);
        for (int j = 0; j < 3; j++) {
            double sum = 0;
            double squares = 0;
            for (float[] row : z) {
                sum += row[j];
                squares += row[j] * row[j];
            }
            assertEquals(0, sum / z.length, EPS);
            assertEquals(j == 2 ? 0 : 1, squares / z.length, 1e-5);
        }
    }

    @Test
    void roundTripsThroughInverseTransform() {
        StandardScaler scaler = StandardScaler.fit(TRAIN);
        float[][] back = scaler.inverseTransform(scaler.transform(TRAIN));
        for (int r = 0; r < TRAIN.length; r++) {
            assertArrayEquals(TRAIN[r], back[r], EPS);
        }
        float[] flat = {1, 10, 5, 4, 40, 5};
        assertArrayEquals(flat, scaler.inverseTransform(scaler.transform(flat)), EPS);
        assertArrayEquals(scaler.transform(new float[][] {{1, 10, 5}})[0], new float[] {scaler.transform(flat)[0],
                scaler.transform(flat)[1], scaler.transform(flat)[2]});
    }

    @Test
    void testDataIsScaledWithTrainingStatisticsOnly() {
        StandardScaler scaler = StandardScaler.fit(TRAIN);
        float[][] test = {{100, 0, 6}};
        float[][] z = scaler.transform(test);
        assertEquals((100 - 2.5) / Math.sqrt(1.25), z[0][0], 1e-4);
        assertEquals(-25 / (10 * Math.sqrt(1.25)), z[0][1], 1e-5);
        assertEquals(1, z[0][2], EPS);
        // Transforming the test rows leaves the fitted state untouched.
        assertEquals(StandardScaler.fit(TRAIN).state(), scaler.state());
    }

    @Test
    void stateRoundTripsThroughJson() throws Exception {
        StandardScaler scaler = StandardScaler.fit(TRAIN);
        ObjectMapper json = new ObjectMapper();
        String text = json.writeValueAsString(scaler.state());
        StandardScaler.State state = json.readValue(text, StandardScaler.State.class);
        assertEquals(scaler.state(), state);
        assertArrayEquals(scaler.transform(TRAIN)[3], StandardScaler.fromState(state).transform(TRAIN)[3]);
    }

    @Test
    void rejectsBadInput() {
        StandardScaler scaler = StandardScaler.fit(TRAIN);
        assertEquals("scaler was fitted on 3 features, row 0 has 2",
                assertThrows(IllegalArgumentException.class, () -> scaler.transform(new float[][] {{1, 2}})).getMessage());
        assertThrows(IllegalArgumentException.class, () -> scaler.transform(new float[] {1, 2}));
        assertEquals("row 1, feature 0 is NaN: resolve missing values (MissingValues) before scaling",
                assertThrows(IllegalArgumentException.class,
                        () -> StandardScaler.fit(new float[][] {{1}, {Float.NaN}})).getMessage());
        assertThrows(IllegalArgumentException.class, () -> StandardScaler.fit(new float[0][]));
        assertThrows(IllegalArgumentException.class,
                () -> StandardScaler.fromState(new StandardScaler.State(new double[] {0}, new double[] {0})));
    }
}
