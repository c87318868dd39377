package dev.strata.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.model.Model;
import dev.strata.ops.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every file in {@code dl4j/tfkeras/} and {@code freesas/} (and the DL4J files without recorded
 * data) imports and predicts finite values of the shape its config declares — except those listed
 * in {@link #CANNOT}, each failing with an error that names the layer, its class and the reason.
 */
class AllFixturesImportTest {
    /** Files that cannot import, with the layer class that stops them: Strata has no such layer. */
    static final Map<String, String> CANNOT = new LinkedHashMap<>();

    static {
        for (int n : new int[] {53, 56, 59, 113, 116, 119}) CANNOT.put("cnn2d_" + n + ".h5", "Conv2DTranspose");
        for (int n : new int[] {41, 44, 47, 101, 104, 107}) CANNOT.put("cnn2d_" + n + ".h5", "DepthwiseConv2D");
        for (int n : new int[] {32, 35, 92, 95}) CANNOT.put("cnn2d_" + n + ".h5", "LocallyConnected2D");
        for (int n : new int[] {77, 80, 83}) CANNOT.put("cnn2d_" + n + ".h5", "SeparableConv2D");
        for (int n : new int[] {65, 68, 71}) CANNOT.put("cnn2d_" + n + ".h5", "ZeroPadding2D");
    }

    /** Sequences Keras declared as (None, None, f) get this many steps; 12net's (None, None, 3) images get 24×24. */
    private static final int STEPS = 7;

    static List<Path> files() {
        List<Path> files = new ArrayList<>(Fixtures.list("dl4j/tfkeras", ".h5"));
        files.addAll(Fixtures.list("freesas", ".keras"));
        files.add(Fixtures.file("dl4j/examples/12net.h5"));
        files.add(Fixtures.file("dl4j/weights/embedding_lstm_tensorflow_2.h5"));
        files.add(Fixtures.file("dl4j/examples/functional_lstm/lstm_functional_tf_keras_2.h5"));
        return files;
    }

    @TestFactory
    List<DynamicTest> everyFileImportsAndPredictsFiniteValues() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path p : files()) {
            String name = p.getFileName().toString();
            tests.add(DynamicTest.dynamicTest(name, () -> {
                if (CANNOT.containsKey(name)) {
                    KerasImportException e = assertThrows(KerasImportException.class, () -> KerasImport.load(p));
                    String cls = CANNOT.get(name);
                    assertTrue(e.getMessage().contains("(" + cls + ")") && e.getMessage().contains("is not supported")
                            && e.getMessage().contains("supported: InputLayer, Dense"), e.getMessage());
                    return;
                }
                Model m = importFixed(p);
                predictsFinite(name, m);
            }));
        }
        assertTrue(tests.size() >= 137, "found " + tests.size());
        return tests;
    }

    /** Imports, fixing variable-size axes where Keras left them open (the error says how). */
    static Model importFixed(Path p) {
        try {
            return KerasImport.load(p);
        } catch (KerasImportException e) {
            if (!e.getMessage().contains("variable-size axis")) throw e;
            String input = e.getMessage().replaceAll(".*input '([^']+)' has a variable-size axis.*", "$1");
            String dims = e.getMessage().replaceAll(".*variable-size axis \\[([^]]*)\\].*", "$1");
            String[] parts = dims.split(",");
            int[] shape = new int[parts.length - 1];
            for (int i = 1; i < parts.length; i++) shape[i - 1] = parts[i].trim().equals("null") ? (parts.length == 4 ? 24 : STEPS) : Integer.parseInt(parts[i].trim());
            return KerasImport.load(p, Map.of(input, shape));
        }
    }

    static void predictsFinite(String name, Model m) {
        Map<String, Tensor> feed = new HashMap<>();
        SplittableRandom r = new SplittableRandom(name.hashCode());
        for (String in : m.inputNames()) {
            int[] s = m.graph().nodes().get(m.graph().inputs().get(in)).shape();
            int[] full = new int[s.length + 1];
            full[0] = 3;
            System.arraycopy(s, 0, full, 1, s.length);
            int count = 1;
            for (int d : full) count *= d;
            // Embedding inputs are ids: small non-negative integers stay valid for any vocabulary.
            double[] v = new double[count];
            for (int i = 0; i < count; i++) v[i] = name.startsWith("embedding") ? r.nextInt(4) : r.nextDouble(-1, 1);
            feed.put(in, Tensor.of(v, full));
        }
        Map<String, Tensor> out = m.predictAll(feed);
        assertEquals(m.outputNames().size(), out.size());
        for (String o : m.outputNames()) {
            int[] declared = m.graph().nodes().get(m.graph().outputs().get(o)).shape();
            Tensor y = out.get(o);
            assertEquals(3, y.shape()[0], name + "/" + o + " batch");
            assertArrayEquals(declared, java.util.Arrays.copyOfRange(y.shape(), 1, y.shape().length), name + "/" + o + " shape");
            for (double v : y.toDoubleArray()) assertTrue(Double.isFinite(v), name + "/" + o + ": " + v);
        }
    }

    @Test
    void kerasThreeFileReadsItsConfigAndLeavesACustomLossUncompiled() {
        ImportedModel r = KerasImport.read(Fixtures.file("freesas/Rg+Dmax.keras"), null, Map.of());
        assertEquals(KerasFormat.ZIP, r.format());
        assertEquals("3.2.1", r.kerasVersion());
        assertTrue(r.notes().get(0).contains("uncompiled") && r.notes().get(0).contains("'loss_fn' is a custom function"), r.notes().toString());
        assertTrue(!r.model().isCompiled());
        assertEquals(1024 * 64 + 64 + 3 * (64 * 64 + 64) + 64 * 2 + 2, r.model().countParams(false));
        assertArrayEquals(new int[] {1, 2}, r.model().predict(Tensor.of(new double[1024], 1, 1024)).shape());
    }
}
