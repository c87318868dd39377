package dev.strata.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.model.Model;
import dev.strata.ops.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every fixture with Keras's recorded predictions imports and predicts them within 1e-5 (absolute
 * up to 1, relative above; see {@link Fixtures#assertClose}).
 */
class RecordedPredictionsTest {

    /** DL4J's examples: {@code *_model.h5} beside {@code *_inputs_and_outputs.h5} with a {@code predictions} group. */
    @TestFactory
    List<DynamicTest> dl4jExamplesMatchKeras() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path io : Fixtures.list("dl4j/examples", "_inputs_and_outputs.h5")) {
            String stem = io.getFileName().toString().replace("_inputs_and_outputs.h5", "");
            Path model = io.resolveSibling(stem + "_model.h5");
            if (!Files.exists(model)) continue;
            Map<String, Tensor> predictions = Fixtures.group(io, "predictions");
            if (predictions.isEmpty()) {
                // No recorded predictions (only training targets under outputs/): it must still import and predict finite values.
                tests.add(DynamicTest.dynamicTest(stem + " (no predictions recorded)", () -> AllFixturesImportTest.predictsFinite(stem, KerasImport.load(model))));
                continue;
            }
            tests.add(DynamicTest.dynamicTest(stem, () -> matches(stem, KerasImport.load(model), io, predictions)));
            Path json = io.resolveSibling(stem + "_config.json"), weights = io.resolveSibling(stem + "_weights.h5");
            if (Files.exists(json) && Files.exists(weights)) {
                tests.add(DynamicTest.dynamicTest(stem + " (json + weights)", () -> matches(stem, KerasImport.load(json, weights), io, predictions)));
            }
        }
        assertTrue(tests.size() >= 60, "expected the DL4J example set, found " + tests.size());
        return tests;
    }

    private static void matches(String stem, Model m, Path io, Map<String, Tensor> predictions) {
        Map<String, Tensor> inputs = Fixtures.group(io, "inputs");
        Map<String, Tensor> feed = new LinkedHashMap<>();
        List<String> names = m.inputNames();
        List<Tensor> values = new ArrayList<>(inputs.values());
        for (int i = 0; i < names.size(); i++) feed.put(names.get(i), inputs.getOrDefault(names.get(i), values.get(i)));
        Map<String, Tensor> got = m.predictAll(feed);
        for (Map.Entry<String, Tensor> e : predictions.entrySet()) {
            Tensor y = got.containsKey(e.getKey()) ? got.get(e.getKey()) : got.values().iterator().next();
            Fixtures.assertClose(stem + "/" + e.getKey(), e.getValue(), y);
        }
    }

    @Test
    void dl4jCnnWithBatchNormalizationMatchesKeras() throws IOException {
        Model m = KerasImport.load(Fixtures.file("dl4j/fullconfigs/cnn/cnn_batch_norm.h5"));
        Tensor x = Fixtures.npy(Fixtures.file("dl4j/fullconfigs/cnn/input.npy"));
        Tensor expected = Fixtures.npy(Fixtures.file("dl4j/fullconfigs/cnn/predictions.npy"));
        Fixtures.assertClose("cnn_batch_norm", expected, m.predict(x));
        // predict.py's own asserts, to the digits it gives.
        assertEquals(-0.0520611, m.predict(x).toDoubleArray()[0], 1e-6);
    }

    /** hls4ml's one-layer models, each as a full .h5 and as JSON + weights. */
    @TestFactory
    List<DynamicTest> hls4mlMatchesKeras() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path dir : Fixtures.list("hls4ml", "tb_output_predictions.dat")) {
            Path folder = dir.getParent();
            try (var files = Files.list(folder)) {
                List<Path> all = files.sorted().toList();
                for (Path h5 : all) {
                    String n = h5.getFileName().toString();
                    if (!n.endsWith(".h5") || n.endsWith("_weights.h5")) continue;
                    String stem = n.substring(0, n.length() - 3);
                    tests.add(DynamicTest.dynamicTest(folder.getFileName() + "/" + n, () -> hls(KerasImport.load(h5), folder)));
                    Path json = folder.resolve(stem + ".json"), w = folder.resolve(stem + "_weights.h5");
                    if (Files.exists(json) && Files.exists(w)) {
                        tests.add(DynamicTest.dynamicTest(folder.getFileName() + "/" + stem + " (json + weights)", () -> hls(KerasImport.load(json, w), folder)));
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        assertTrue(tests.size() >= 17, "expected the hls4ml set, found " + tests.size());
        return tests;
    }

    private static void hls(Model m, Path folder) throws IOException {
        double[][] in = Fixtures.rows(folder.resolve("tb_input_features.dat"));
        double[][] out = Fixtures.rows(folder.resolve("tb_output_predictions.dat"));
        int[] shape = m.graph().nodes().get(m.graph().inputs().values().iterator().next()).shape();
        int[] full = new int[shape.length + 1];
        full[0] = in.length;
        System.arraycopy(shape, 0, full, 1, shape.length);
        double[] flat = java.util.Arrays.stream(in).flatMapToDouble(java.util.Arrays::stream).toArray();
        Tensor y = m.predict(Tensor.of(flat, full));
        double[] expected = java.util.Arrays.stream(out).flatMapToDouble(java.util.Arrays::stream).toArray();
        Fixtures.assertClose(folder.getFileName().toString(), Tensor.of(expected, expected.length), Tensor.of(y.toDoubleArray(), expected.length));
    }

    @Test
    void frugallyDeepGruWithInitialStateMatchesKeras() {
        Model m = KerasImport.load(Fixtures.file("frugally-deep/temp_stateless.h5"));
        assertEquals(List.of("input_1", "input_2"), m.inputNames());
        Tensor y = m.predictAll(Map.of("input_1", Tensor.of(new double[] {1, 0, 0}, 1, 3, 1), "input_2", Tensor.of(new double[] {10}, 1, 1)))
                .get("gru");
        assertArrayEquals(new int[] {1, 3, 1}, y.shape());
        Fixtures.assertClose("temp_stateless", Tensor.of(new double[] {-7.676248, -7.5144324, -7.3429837}, 1, 3, 1), y);
    }
}
