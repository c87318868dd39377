package dev.strata.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strata.model.Model;
import dev.strata.ops.Tensor;
import io.jhdf.HdfFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Bidirectional(merge_mode=None)} returns the forward and the backward outputs as two tensors.
 * No fixture has one, so the test edits a real tf.keras file's architecture (a Bidirectional
 * SimpleRNN, merge_mode concat, with Keras's own weights) to merge_mode None with both tensors as
 * outputs: they must be the two halves of what the unedited file predicts before its activation.
 */
class BidirectionalMergeNoneTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir Path dir;

    @Test
    void theTwoDirectionsAreTheHalvesOfConcat() throws Exception {
        Path h5 = Fixtures.file("dl4j/tfkeras/rnn_1.h5");
        ObjectNode arch;
        try (HdfFile f = new HdfFile(h5)) {
            arch = (ObjectNode) JSON.readTree((String) f.getAttribute("model_config").getData());
        }
        ObjectNode config = (ObjectNode) arch.get("config");
        ArrayNode layers = (ArrayNode) config.get("layers");
        assertEquals("Bidirectional", layers.get(1).get("class_name").asText());
        ObjectNode bi = (ObjectNode) layers.get(1).get("config");
        // Concat model: output the Bidirectional itself (the file ends in an activation).
        config.set("output_layers", JSON.readTree("[[\"bidirectional\", 0, 0]]"));
        Path concatJson = dir.resolve("concat.json");
        Files.writeString(concatJson, JSON.writeValueAsString(arch));
        bi.putNull("merge_mode");
        config.set("output_layers", JSON.readTree("[[\"bidirectional\", 0, 0], [\"bidirectional\", 0, 1]]"));
        Path noneJson = dir.resolve("none.json");
        Files.writeString(noneJson, JSON.writeValueAsString(arch));

        Model concat = KerasImport.load(concatJson, h5);
        Model none = KerasImport.load(noneJson, h5);
        assertEquals(List.of("bidirectional_0", "bidirectional_1"), List.copyOf(none.outputNames()));

        int b = 2, t = 3, features = 4, units = 6;
        float[] x = new float[b * t * features];
        Random r = new Random(7);
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
        Tensor in = Tensor.of(x, b, t, features);
        double[] joined = concat.predict(in).toDoubleArray();
        Map<String, Tensor> out = none.predictAll(Map.of(none.inputNames().get(0), in));
        double[] f = out.get("bidirectional_0").toDoubleArray(), bw = out.get("bidirectional_1").toDoubleArray();
        assertArrayEquals(new int[] {b, t, units}, out.get("bidirectional_0").shape());
        for (int row = 0; row < b * t; row++) {
            for (int u = 0; u < units; u++) {
                assertEquals(joined[row * 2 * units + u], f[row * units + u], 1e-7, "forward, row " + row);
                assertEquals(joined[row * 2 * units + units + u], bw[row * units + u], 1e-7, "backward, row " + row);
            }
        }
    }
}
