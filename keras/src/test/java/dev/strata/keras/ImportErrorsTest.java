package dev.strata.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad or unsupported files fail with errors naming the file, the layer, its class and what is supported. */
class ImportErrorsTest {
    @TempDir Path dir;

    private Path architecture(String layerClass, String layerConfig) throws Exception {
        Path json = dir.resolve(layerClass + ".json");
        Files.writeString(json, "{\"class_name\": \"Sequential\", \"config\": {\"name\": \"s\", \"layers\": ["
                + "{\"class_name\": \"InputLayer\", \"config\": {\"batch_input_shape\": [null, 4], \"name\": \"in\"}},"
                + "{\"class_name\": \"" + layerClass + "\", \"config\": " + layerConfig + "}]}}");
        return json;
    }

    @Test
    void lambdaLayersAreRefusedWithoutRunningThem() throws Exception {
        Path json = architecture("Lambda", "{\"name\": \"my_lambda\", \"function\": [\"4wEAAAAAAAAA\", null, null]}");
        KerasImportException e = assertThrows(KerasImportException.class,
                () -> KerasImport.load(json, Fixtures.file("hls4ml/relu/relu_weights.h5")));
        assertTrue(e.getMessage().startsWith("Lambda.json: layer 'my_lambda' (Lambda): Lambda layers hold Python code, which Strata never runs"), e.getMessage());
        assertTrue(e.getMessage().contains("supported layers: InputLayer, Dense"), e.getMessage());
    }

    @Test
    void unknownAndCustomLayersNameTheClassAndTheSupportedOnes() throws Exception {
        Path json = architecture("MyAttention", "{\"name\": \"attn\"}");
        KerasImportException e = assertThrows(KerasImportException.class,
                () -> KerasImport.load(json, Fixtures.file("hls4ml/relu/relu_weights.h5")));
        assertTrue(e.getMessage().contains("layer 'attn' (MyAttention): layer class 'MyAttention' is not supported"), e.getMessage());
        assertTrue(e.getMessage().contains("GRU, Bidirectional, TimeDistributed"), e.getMessage());
    }

    @Test
    void weightsOfTheWrongShapeNameBothShapes() throws Exception {
        Path json = architecture("Dense", "{\"name\": \"dense\", \"units\": 3, \"activation\": \"relu\"}");
        KerasImportException e = assertThrows(KerasImportException.class,
                () -> KerasImport.load(json, Fixtures.file("hls4ml/relu/relu_weights.h5")));
        assertTrue(e.getMessage().contains("layer 'dense' (Dense)"), e.getMessage());
    }

    @Test
    void formatIsToldByTheFirstBytesNotTheExtension() throws Exception {
        Path h5AsKeras = dir.resolve("model.keras");
        Files.copy(Fixtures.file("hls4ml/relu/relu.h5"), h5AsKeras);
        assertEquals(KerasFormat.HDF5, KerasFormat.detect(h5AsKeras));
        assertEquals(2, KerasImport.load(h5AsKeras).graph().nodes().size());
        Path zipAsH5 = dir.resolve("model.h5");
        Files.copy(Fixtures.file("freesas/Rg+Dmax.keras"), zipAsH5);
        assertEquals(KerasFormat.ZIP, KerasFormat.detect(zipAsH5));
        Path text = dir.resolve("notes.h5");
        Files.writeString(text, "hello world");
        KerasImportException e = assertThrows(KerasImportException.class, () -> KerasImport.load(text));
        assertTrue(e.getMessage().contains("notes.h5: not a Keras file") && e.getMessage().contains("68 65 6c 6c 6f"), e.getMessage());
    }

    @Test
    void variableLengthInputsAskForAFixedShape() {
        KerasImportException e = assertThrows(KerasImportException.class, () -> KerasImport.load(Fixtures.file("dl4j/examples/12net.h5")));
        assertTrue(e.getMessage().contains("has a variable-size axis [null,null,null,3]") && e.getMessage().contains("KerasImport.load(path, Map.of("),
                e.getMessage());
    }
}
