package dev.strata.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.activations.Activation;
import dev.strata.layers.Dense;
import dev.strata.losses.Loss;
import dev.strata.metrics.Metric;
import dev.strata.ops.Tensor;
import dev.strata.optimizers.Optimizer;
import dev.strata.training.CompileOptions;
import dev.strata.training.FitOptions;
import dev.strata.training.History;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A branched two-output model (SPEC E8's shape) built, trained, saved, loaded and used from Java
 * alone — no Kotlin class involved.
 */
class TwoOutputModelTest {
    static Model branched(long seed) {
        ModelBuilder b = new ModelBuilder().name("plant");
        TensorRef x = b.input("x", 3);
        TensorRef h1 = b.apply(Dense.of("hidden_1", 10, Activation.RELU), x);
        TensorRef h2 = b.apply(Dense.of("hidden_2", 10, Activation.RELU), h1);
        b.output("pe", b.apply(Dense.of("pe_out", 1, Activation.LINEAR), h2));
        TensorRef branch = b.apply(Dense.of("branch", 10, Activation.RELU), h2);
        b.output("v", b.apply(Dense.of("v_out", 1, Activation.LINEAR), branch));
        return b.build(seed, dev.strata.ops.DType.FLOAT32);
    }

    /** y_pe = x0 + 2·x1 − x2, y_v = x0·x1 (+ noise-free), x in [0, 1). */
    static Map<String, Tensor>[] data(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n * 3], pe = new float[n], v = new float[n];
        for (int i = 0; i < n; i++) {
            float a = (float) r.nextDouble(), b = (float) r.nextDouble(), c = (float) r.nextDouble();
            x[3 * i] = a;
            x[3 * i + 1] = b;
            x[3 * i + 2] = c;
            pe[i] = a + 2 * b - c;
            v[i] = a * b;
        }
        @SuppressWarnings("unchecked")
        Map<String, Tensor>[] out = new Map[] {Map.of("x", Tensor.of(x, n, 3)), Map.of("pe", Tensor.of(pe, n, 1), "v", Tensor.of(v, n, 1))};
        return out;
    }

    static CompileOptions options(double vWeight) {
        return CompileOptions.builder().optimizer(new Optimizer.Adam(0.01))
                .loss("pe", new Loss.MeanSquaredError()).loss("v", new Loss.MeanSquaredError(), vWeight)
                .metrics(Metric.named("rmse")).metrics("pe", Metric.named("r2")).build();
    }

    @Test void trainsBothHeadsWithPerOutputHistory() {
        Model m = branched(1);
        m.compile(options(1.0));
        var d = data(2000, 7);
        History h = m.fit(d[0], d[1], FitOptions.builder().epochs(30).batchSize(32).validationSplit(0.2).verbose(0).build());
        for (String key : List.of("loss", "pe_loss", "v_loss", "pe_rmse", "v_rmse", "pe_r2", "val_loss", "val_pe_loss", "val_v_rmse", "val_pe_r2")) {
            assertEquals(30, h.get(key).size(), key);
        }
        assertTrue(h.last("val_pe_r2") > 0.99, "pe r2 " + h.last("val_pe_r2"));
        assertTrue(h.last("val_v_rmse") < 0.05, "v rmse " + h.last("val_v_rmse"));
        assertTrue(h.get("loss").get(0) > h.last("loss"));
    }

    @Test void zeroLossWeightFreezesTheOtherHeadOnly() {
        Model m = branched(2);
        m.compile(options(0.0));
        List<Tensor> branchBefore = m.getWeights("branch");
        List<Tensor> vBefore = m.getWeights("v_out");
        List<Tensor> peBefore = m.getWeights("pe_out");
        var d = data(500, 3);
        m.fit(d[0], d[1], FitOptions.builder().epochs(2).batchSize(50).verbose(0).build());
        assertEquals(branchBefore, m.getWeights("branch"));
        assertEquals(vBefore, m.getWeights("v_out"));
        assertNotEquals(peBefore, m.getWeights("pe_out"));
    }

    @Test void savesLoadsAndPredictsIdentically(@TempDir Path dir) throws Exception {
        Model m = branched(3);
        m.compile(options(1.0));
        var d = data(300, 5);
        m.fit(d[0], d[1], FitOptions.builder().epochs(2).verbose(0).build());
        m.metadata().put("scaler", "{\"min\":[0,0,0]}");
        Path file = dir.resolve("plant.strata");
        m.save(file);
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
        }
        Model loaded = Model.load(file);
        assertEquals(m.summary(), loaded.summary());
        assertEquals("{\"min\":[0,0,0]}", loaded.metadata().get("scaler"));
        Map<String, Tensor> a = m.predictAll(d[0]), b = loaded.predictAll(d[0]);
        assertArrayEquals(a.get("pe").toFloatArray(), b.get("pe").toFloatArray());
        assertArrayEquals(a.get("v").toFloatArray(), b.get("v").toFloatArray());
        assertTrue(loaded.isCompiled());
        assertEquals(m.trainer().optimizerState().iterations(), loaded.trainer().optimizerState().iterations());
    }

    @Test void resumingFromAFileMatchesAnUninterruptedRun(@TempDir Path dir) {
        var d = data(400, 9);
        Model straight = branched(4);
        straight.compile(options(1.0));
        straight.fit(d[0], d[1], FitOptions.builder().epochs(4).batchSize(32).verbose(0).build());

        Model first = branched(4);
        first.compile(options(1.0));
        first.fit(d[0], d[1], FitOptions.builder().epochs(2).batchSize(32).verbose(0).build());
        first.save(dir.resolve("half.strata"));
        Model resumed = Model.load(dir.resolve("half.strata"));
        resumed.fit(d[0], d[1], FitOptions.builder().epochs(4).initialEpoch(resumed.trainer().epochsDone()).batchSize(32).verbose(0).build());
        assertEquals(straight.getWeights(), resumed.getWeights());
    }

    @Test void sameSeedSameRun() {
        var d = data(300, 11);
        Model a = branched(5), b = branched(5), c = branched(6);
        for (Model m : List.of(a, b, c)) {
            m.compile(options(1.0));
            m.fit(d[0], d[1], FitOptions.builder().epochs(2).verbose(0).build());
        }
        assertEquals(a.getWeights(), b.getWeights());
        assertNotEquals(a.getWeights(), c.getWeights());
    }

    @Test void predictsFromManyThreadsAtOnce() throws Exception {
        Model m = branched(7);
        var d = data(257, 13);
        Tensor expected = m.predict(d[0].get("x"), "pe");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Tensor>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 64; i++) results.add(pool.submit(() -> m.predict(d[0].get("x"), "pe")));
            for (Future<Tensor> f : results) assertEquals(expected, f.get());
        } finally {
            pool.shutdown();
        }
    }

    @Test void subModelSharesWeightsAndReturnsActivations() {
        Model m = branched(8);
        Model hidden = m.layer("hidden_1");
        assertEquals(List.of("hidden_1"), hidden.outputNames());
        Tensor x = Tensor.of(new float[] {0.1f, 0.2f, 0.3f}, 1, 3);
        assertEquals(10, hidden.predict(x).shape()[1]);
        m.setWeights("hidden_1", List.of(Tensor.of(new float[30], 3, 10), Tensor.of(new float[10], 10)));
        for (double v : hidden.predict(x).toDoubleArray()) assertEquals(0.0, v);
        assertFalse(m.summary().isEmpty());
    }
}
