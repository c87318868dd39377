package dev.strata.serving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.activations.Activation;
import dev.strata.data.DataFormatException;
import dev.strata.data.Preprocessing;
import dev.strata.layers.Dense;
import dev.strata.model.Model;
import dev.strata.model.ModelBuilder;
import dev.strata.model.Sequential;
import dev.strata.model.TensorRef;
import dev.strata.ops.DType;
import dev.strata.ops.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictorTest {
    static Model t2() {
        return new Sequential(784).add(Dense.of("h1", 256, Activation.RELU)).add(Dense.of("h2", 128, Activation.RELU))
                .add(Dense.of("out", 10, Activation.SOFTMAX)).build(7, DType.FLOAT32);
    }

    static Model branched() {
        ModelBuilder b = new ModelBuilder().name("plant");
        TensorRef x = b.input("x", 3);
        TensorRef h = b.apply(Dense.of("hidden", 10, Activation.TANH), x);
        b.output("pe", b.apply(Dense.of("pe_out", 1, Activation.LINEAR), h));
        b.output("v", b.apply(Dense.of("v_out", 2, Activation.SIGMOID), h));
        return b.build(3, DType.FLOAT32);
    }

    static float[][] rows(int n, int width, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] m = new float[n][width];
        for (float[] row : m) for (int i = 0; i < width; i++) row[i] = (float) r.nextDouble(-1, 1);
        return m;
    }

    static float[] flat(float[][] m) {
        float[] f = new float[m.length * m[0].length];
        for (int r = 0; r < m.length; r++) System.arraycopy(m[r], 0, f, r * m[0].length, m[0].length);
        return f;
    }

    @Test void rowPlanAgreesWithTheModelsCompiledPlan() {
        Model m = t2();
        float[][] x = rows(5, 784, 1);
        float[] expected = m.predict(Tensor.of(flat(x), 5, 784)).toFloatArray();
        try (Predictor p = Predictor.of(m)) {
            for (int r = 0; r < 5; r++) {
                float[] y = p.predict(x[r]);
                assertEquals(10, y.length);
                for (int j = 0; j < 10; j++) assertEquals(expected[r * 10 + j], y[j], 1e-5, "row " + r + " class " + j);
            }
            float[][] batch = p.predict(x); // 5 rows: the row plan, row by row
            for (int r = 0; r < 5; r++) for (int j = 0; j < 10; j++) assertEquals(expected[r * 10 + j], batch[r][j], 1e-5);
            float[][] big = rows(70, 784, 9); // over 64 rows: the compiled plan
            float[] want = m.predict(Tensor.of(flat(big), 70, 784)).toFloatArray();
            float[][] got = p.predict(big);
            for (int r = 0; r < 70; r++) for (int j = 0; j < 10; j++) assertEquals(want[r * 10 + j], got[r][j], 1e-6);
        }
    }

    /** A tree of dense layers: a trunk with a native-sized layer, a Dropout, and an output that also feeds a head. */
    static Model tree() {
        ModelBuilder b = new ModelBuilder().name("tree");
        TensorRef x = b.input("x", 3);
        TensorRef trunk = b.apply(Dense.of("trunk", 64, Activation.RELU), x);
        TensorRef wide = b.apply(Dense.of("wide", 80, Activation.TANH), trunk); // 64·80 ≥ 4096: an OpenBLAS GEMV
        TensorRef dropped = b.apply(new dev.strata.layers.Dropout("drop", 0.5), wide);
        b.output("a", b.apply(Dense.of("a", 2, Activation.LINEAR), dropped));
        b.output("wide", wide);
        b.output("b", b.apply(Dense.of("b", 5, Activation.SOFTMAX), trunk));
        return b.build(11, DType.FLOAT32);
    }

    @Test void treeRowPlanAgreesWithTheCompiledPlanOnEveryOutput() {
        Model m = tree();
        assertNotNull(DenseRowPlan.of(m), "a tree of dense layers gets a row plan");
        assertNotNull(DenseRowPlan.of(branched()));
        float[][] x = rows(6, 3, 8);
        Map<String, Tensor> want = m.predictAll(Map.of("x", Tensor.of(flat(x), 6, 3)), 6);
        try (Predictor p = Predictor.of(m)) {
            Map<String, float[][]> got = p.predict(Map.of("x", x)); // 6 rows: the row plan
            assertEquals(List.of("a", "wide", "b"), new ArrayList<>(got.keySet()));
            for (String name : got.keySet()) {
                float[] w = want.get(name).toFloatArray();
                int width = got.get(name)[0].length;
                for (int r = 0; r < 6; r++) for (int j = 0; j < width; j++) {
                    assertEquals(w[r * width + j], got.get(name)[r][j], 1e-5, name + " row " + r + " value " + j);
                }
            }
            Map<String, float[]> one = p.predictRow(Map.of("x", x[2]));
            assertArrayEquals(got.get("b")[2], one.get("b"), 0f);
        }
    }

    @Test void weightsAreASnapshot() {
        Model m = new Sequential(4).add(Dense.of("h", 10, Activation.RELU)).add(Dense.of("out", 1, Activation.LINEAR)).build(1, DType.FLOAT32);
        float[] row = {0.5f, -1f, 2f, 0.25f};
        try (Predictor p = Predictor.of(m)) {
            float[] before = p.predict(row);
            float[][] seventy = new float[70][];
            java.util.Arrays.fill(seventy, row); // over 64 rows: the compiled plan
            float[][] before2 = p.predict(seventy);
            m.setWeights("out", List.of(Tensor.of(new float[10], 10, 1), Tensor.of(new float[] {42f}, 1)));
            assertEquals(42f, m.predict(Tensor.of(row, 1, 4)).toFloatArray()[0], 0f);
            assertArrayEquals(before, p.predict(row));
            assertArrayEquals(before2[69], p.predict(seventy)[69]);
            assertArrayEquals(before, before2[69], 1e-6f);
        }
    }

    @Test void sixteenThreadsGiveTheSingleThreadAnswers() throws Exception {
        for (Model m : List.of(t2(), branched())) {
            try (Predictor p = Predictor.of(m)) {
                int width = p.signature().inputs().get(0).width();
                String in = p.signature().inputNames().get(0);
                List<float[][]> inputs = List.of(rows(1, width, 2), rows(3, width, 3), rows(17, width, 4), rows(64, width, 5));
                List<Map<String, float[][]>> expected = new ArrayList<>();
                for (float[][] x : inputs) expected.add(p.predict(Map.of(in, x)));
                ExecutorService pool = Executors.newFixedThreadPool(16);
                try {
                    List<Future<Map<String, float[][]>>> results = new ArrayList<>();
                    for (int i = 0; i < 320; i++) {
                        float[][] x = inputs.get(i % inputs.size());
                        results.add(pool.submit(() -> p.predict(Map.of(in, x))));
                    }
                    for (int i = 0; i < results.size(); i++) {
                        Map<String, float[][]> want = expected.get(i % inputs.size()), got = results.get(i).get();
                        assertEquals(want.keySet(), got.keySet());
                        for (String k : want.keySet()) assertArrayEquals(want.get(k), got.get(k), m.name() + " call " + i + " output " + k);
                    }
                } finally {
                    pool.shutdown();
                }
            }
        }
    }

    @Test void namedInputsAndOutputs() {
        Model m = branched();
        float[][] x = rows(6, 3, 9);
        Map<String, Tensor> want = m.predictAll(Map.of("x", Tensor.of(flat(x), 6, 3)));
        try (Predictor p = Predictor.of(m)) {
            assertEquals(List.of("pe", "v"), p.signature().outputNames());
            assertEquals(List.of(2), p.signature().outputs().get(1).shape());
            Map<String, float[][]> got = p.predict(Map.of("x", x));
            assertArrayEquals(want.get("pe").toFloatArray(), flat(got.get("pe")), 1e-6f);
            assertArrayEquals(want.get("v").toFloatArray(), flat(got.get("v")), 1e-6f);
            Map<String, float[]> one = p.predictRow(Map.of("x", x[2]));
            assertArrayEquals(got.get("v")[2], one.get("v"), 1e-6f);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.predict(x[0]));
            assertEquals("model 'plant' has 2 outputs [pe, v]; pass them by name", e.getMessage());
        }
    }

    @Test void badInputsAreNamed() {
        try (Predictor p = Predictor.of(branched())) {
            assertEquals("unknown input 'y'; the model's inputs are [x]",
                    assertThrows(IllegalArgumentException.class, () -> p.predict(Map.of("y", rows(1, 3, 1)))).getMessage());
            assertEquals("input 'x' row 1: expected 3 values (shape [3]), got 2",
                    assertThrows(IllegalArgumentException.class, () -> p.predict(Map.of("x", new float[][] {{1, 2, 3}, {1, 2}}))).getMessage());
            assertEquals("no rows to predict",
                    assertThrows(IllegalArgumentException.class, () -> p.predict(Map.of("x", new float[0][]))).getMessage());
        }
    }

    @Test void rawRowsGoThroughTheSavedPreprocessing(@TempDir Path dir) {
        Model m = new Sequential(2).add(Dense.of("out", 1, Activation.LINEAR)).build(1, DType.FLOAT32);
        // y = 1·a' + 10·b' with a' = (a − 1)/(3 − 1), b' = (b − 5)/(9 − 5): min-max scaling fitted on two rows.
        m.setWeights("out", List.of(Tensor.of(new float[] {1f, 10f}, 2, 1), Tensor.of(new float[] {0f}, 1)));
        Preprocessing prep = Preprocessing.builder().minMax("a", "b")
                .fit(List.of(Map.of("a", 1.0, "b", 5.0), Map.of("a", 3.0, "b", 9.0)), null)
                .withInputs(Map.of(m.inputNames().get(0), List.of("a", "b")));
        prep.saveTo(m.metadata());
        Path file = dir.resolve("m.strata");
        m.save(file);
        try (Predictor p = Predictor.load(file)) {
            assertTrue(p.hasPreprocessing());
            assertEquals(List.of("a", "b"), p.signature().rawColumns());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("a", 2); // an Integer: numbers of any type
            row.put("b", 7.0);
            float[][] y = p.predictRaw(List.of(row, Map.of("a", 3.0, "b", 5.0))).get(p.signature().outputNames().get(0));
            assertEquals(0.5f + 5f, y[0][0], 1e-5f);
            assertEquals(1f, y[1][0], 1e-5f);
            DataFormatException e = assertThrows(DataFormatException.class, () -> p.predictRaw(List.of(Map.of("a", "x", "b", 1.0))));
            assertTrue(e.getMessage().contains("<predict>") && e.getMessage().contains("'a'"), e.getMessage());
        }
    }

    @Test void dynamicBatchingReturnsEachCallerItsOwnRows() throws Exception {
        Model m = branched();
        Predictor direct = Predictor.of(m);
        AtomicInteger batches = new AtomicInteger(), joined = new AtomicInteger();
        try (Predictor p = Predictor.of(m, PredictorOptions.batched(16, 20_000, 256))) {
            p.onBatch(rows -> {
                batches.incrementAndGet();
                if (rows > 3) joined.incrementAndGet();
            });
            ExecutorService pool = Executors.newFixedThreadPool(16);
            try {
                List<float[][]> inputs = new ArrayList<>();
                List<Future<Map<String, float[][]>>> results = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    float[][] x = rows(1 + i % 3, 3, 100 + i); // every caller's rows differ
                    inputs.add(x);
                    results.add(pool.submit(() -> p.predict(Map.of("x", x))));
                }
                for (int i = 0; i < results.size(); i++) {
                    Map<String, float[][]> want = direct.predict(Map.of("x", inputs.get(i))), got = results.get(i).get();
                    for (String k : want.keySet()) {
                        assertEquals(want.get(k).length, got.get(k).length);
                        for (int r = 0; r < want.get(k).length; r++) assertArrayEquals(want.get(k)[r], got.get(k)[r], 1e-6f, "call " + i + " " + k);
                    }
                }
            } finally {
                pool.shutdown();
            }
            float[] single = p.predictRow(Map.of("x", new float[] {1, 2, 3})).get("pe");
            assertNotNull(single);
        }
        assertTrue(joined.get() > 0, "no batch joined several callers in " + batches.get() + " batches");
        assertTrue(batches.get() < 200, batches.get() + " batches for 200 calls");
    }
}
