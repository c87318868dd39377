package dev.strata.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PreprocessingTest {

    private static Map<String, Object> row(Object... pairs) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put((String) pairs[i], pairs[i + 1]);
        }
        return out;
    }

    @Test
    void fitsOnATrainingTableAndAppliesUnchangedToOtherRows() {
        Table train = Table.builder().source("train.csv")
                .numeric("x", new double[] {1, 2, 3, Double.NaN})
                .numeric("y", new double[] {10, 20, 30, 40})
                .text("kind", new String[] {"b", "a", "b", "a"})
                .build();
        Preprocessing prep = Preprocessing.builder().fillMedian("x").standardize("x").oneHot("kind").fit(train);

        assertEquals(new PreprocessingStep.FillMissing("x", 2.0), prep.steps().get(0));
        StandardScaler.State state = ((PreprocessingStep.Standardize) prep.steps().get(1)).scaler().state();
        assertEquals(2.0, state.mean()[0], 1e-12); // 1, 2, 3 and the filled 2
        Map<String, Object> out = prep.apply(row("x", 100.0, "kind", "a", "y", 5.0), new RowSource("test.csv", 7));
        assertEquals((100 - 2.0) / state.scale()[0], (Double) out.get("x"), 1e-4);
        assertArrayEquals(new float[] {1f, 0f}, (float[]) out.get("kind"));
        assertEquals(5.0, out.get("y"));
    }

    @Test
    void dropMissingDropsTrainingRowsButNeverARowToPredict() {
        Preprocessing prep = Preprocessing.builder().dropMissing("t").fit(
                List.of(row("t", 1.0), row("t", 2.0)), null);
        assertNull(prep.apply(row("t", Double.NaN), new RowSource("f", 1)));
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> prep.applyForPrediction(row("t", Double.NaN), new RowSource("f", 1)));
        assertTrue(e.getMessage().startsWith("f:1 (column 't'): missing value; the model was trained without such rows"));
        assertEquals(row("a", 1.0), prep.applyForPrediction(row("a", 1.0), new RowSource("f", 1))); // a target's step is skipped
    }

    @Test
    void stepsAreFittedInOrderOnWhatEarlierStepsLeft() {
        Preprocessing prep = Preprocessing.builder().dropMissing("x").minMax("x")
                .fit(List.of(row("x", 0.0), row("x", Double.NaN), row("x", 4.0)), null);
        MinMaxScaler.State state = ((PreprocessingStep.MinMax) prep.steps().get(1)).scaler().state();
        assertArrayEquals(new double[] {0}, state.dataMin());
        assertArrayEquals(new double[] {4}, state.dataMax());
    }

    @Test
    void savedInModelMetadataAndReadBack() {
        Preprocessing prep = Preprocessing.builder().standardize("a", "b").toCategorical("k", 3)
                .fit(List.of(row("a", 1.0, "b", 5.0, "k", 0.0), row("a", 3.0, "b", 7.0, "k", 2.0)), null)
                .withInputs(Map.of("x", List.of("a", "b")));
        Map<String, String> metadata = new HashMap<>();
        prep.saveTo(metadata);

        Preprocessing back = Preprocessing.from(metadata).orElseThrow();
        assertEquals(prep, back);
        assertTrue(Preprocessing.from(Map.of()).isEmpty());
        Map<String, float[][]> x = back.predictionInputs(List.of(Map.of("a", 3.0, "b", 5.0)));
        assertArrayEquals(new float[] {1f, -1f}, x.get("x")[0], 1e-6f);
    }

    @Test
    void badJsonAndBadValuesAreClearErrors() {
        assertThrows(IllegalArgumentException.class, () -> Preprocessing.fromJson("{\"format\":99}"));
        assertThrows(IllegalArgumentException.class, () -> Preprocessing.fromJson("not json"));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> Preprocessing.fromJson("{\"format\":1,\"steps\":[{\"type\":\"magic\"}],\"inputs\":{}}"));
        assertEquals("saved preprocessing has an unknown step type 'magic'", unknown.getMessage());

        Preprocessing prep = Preprocessing.builder().toCategorical("k", 3).fit(List.of(row("k", 1.0)), null);
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> prep.apply(row("k", 1.5), new RowSource("f.csv", 9)));
        assertEquals("f.csv:9 (column 'k'): label 1.5 is not a class index in [0, 3)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Preprocessing.builder().oneHot("s").standardize("s"));
    }
}
