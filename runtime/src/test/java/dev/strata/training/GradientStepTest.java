package dev.strata.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.strata.activations.Activation;
import dev.strata.init.Initializer;
import dev.strata.layers.Dense;
import dev.strata.layers.Dropout;
import dev.strata.model.Model;
import dev.strata.model.ModelBuilder;
import dev.strata.model.TensorRef;
import dev.strata.ops.DType;
import dev.strata.ops.Tensor;
import dev.strata.optimizers.Optimizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GradientStepTest {
    @TempDir Path dir;

    /** 4 inputs → Dense 16 relu → Dropout 0.2 → Dense 1, Adam, MSE. */
    static Model model(long seed) {
        ModelBuilder b = new ModelBuilder().name("tiny");
        TensorRef x = b.input("x", 4);
        TensorRef h = b.apply(new Dense("h", 16, Activation.RELU, true, new Initializer.GlorotUniform(), Initializer.zeros(), null, null, true), x);
        h = b.apply(new Dropout("drop", 0.2), h);
        b.output("y", b.apply(new Dense("y_out", 1, Activation.LINEAR, true, new Initializer.GlorotUniform(), Initializer.zeros(), null, null, true), h));
        Model m = b.build(seed, DType.FLOAT32);
        m.compile(CompileOptions.builder().optimizer(new Optimizer.Adam(0.01, 0.9, 0.999, 1e-7)).loss("mse").build());
        return m;
    }

    static Tensor[] data(int rows, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[rows * 4], y = new float[rows];
        for (int i = 0; i < rows; i++) {
            double s = 0;
            for (int j = 0; j < 4; j++) s += (j + 1) * (x[i * 4 + j] = (float) r.nextDouble(-1, 1));
            y[i] = (float) Math.sin(s);
        }
        return new Tensor[] {Tensor.of(x, rows, 4), Tensor.of(y, rows, 1)};
    }

    static float[] flat(Model m) {
        return new GradientStep(m).weights();
    }

    @Test
    void computeThenApplyIsTrainOnBatch() {
        Model a = model(5), b = model(5);
        Tensor[] d = data(64, 1);
        GradientStep step = new GradientStep(b);
        assertEquals(4 * 16 + 16 + 16 + 1, step.gradientSize());
        assertEquals(List.of("h/kernel", "h/bias", "y_out/kernel", "y_out/bias"), step.gradientNames());
        float[] g = new float[step.gradientSize()];
        for (int i = 0; i < 5; i++) {
            Tensor x = d[0].rows(i * 12, i * 12 + 12), y = d[1].rows(i * 12, i * 12 + 12);
            double la = a.trainOnBatch(x, y).get("loss");
            double lb = step.compute(new Batch(Map.of("x", x), Map.of("y", y)), g).get("loss");
            assertEquals(la, lb, 0.0, "loss of step " + i);
            step.apply(g);
        }
        assertArrayEquals(flat(a), flat(b), "same updates, same weights bit for bit");
        assertEquals(5, b.trainer().optimizerState().iterations());
    }

    @Test
    void applyWithSgdMovesEachWeightByMinusLearningRateTimesItsGradient() {
        Model m = model(9);
        m.compile(CompileOptions.builder().optimizer(new Optimizer.SGD(0.1, 0, false, 0)).loss("mse").build());
        Tensor[] d = data(8, 2);
        GradientStep step = new GradientStep(m);
        // Plain SGD with lr 0.1 moves w by -0.1·g; here (no frozen weights) the gradient's order is the weights' order.
        float[] before = step.weights();
        float[] g = new float[step.gradientSize()];
        step.compute(new Batch(Map.of("x", d[0]), Map.of("y", d[1])), g);
        step.apply(g);
        float[] after = step.weights();
        for (int i = 0; i < g.length; i++) assertEquals(before[i] - 0.1f * g[i], after[i], 1e-6f, "weight " + i);
    }

    @Test
    void flatWeightsRoundTripAndBadLengthsAreNamed() {
        Model a = model(1), b = model(2);
        GradientStep sa = new GradientStep(a), sb = new GradientStep(b);
        sb.setWeights(sa.weights());
        assertArrayEquals(sa.weights(), sb.weights());
        assertEquals(a.predict(data(3, 4)[0]), b.predict(data(3, 4)[0]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sb.setWeights(new float[3]));
        assertEquals("weights of model 'tiny': expected 97 values, got 3", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> sb.apply(new float[96]));
        assertEquals("gradient of model 'tiny': expected 97 values, got 96", e.getMessage());
    }

    /**
     * Two replicas of one saved model trained at the same time on two threads (as Spark's local[2]
     * runs two tasks in one JVM) end with exactly the weights of training them one after the other:
     * no op, plan or RNG shares mutable state between models. Replica 0 reseeds its dropout stream
     * with 0, which ND4J's native generator used to take as "pick a seed" (PlanRandom maps it).
     */
    @Test
    void concurrentReplicasTrainAsSequentialOnes() throws Exception {
        Path file = dir.resolve("tiny.strata");
        model(3).save(file);
        Tensor[][] shards = {data(96, 10), data(160, 11)};
        float[][] sequential = new float[2][];
        for (int r = 0; r < 2; r++) sequential[r] = train(Model.load(file), shards[r], r);
        for (int r = 0; r < 2; r++) assertArrayEquals(sequential[r], train(Model.load(file), shards[r], r), "sequential again, replica " + r);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 3; round++) {
                List<Future<float[]>> running = new ArrayList<>();
                for (int r = 0; r < 2; r++) {
                    Model replica = Model.load(file);
                    int idx = r;
                    running.add(pool.submit((Callable<float[]>) () -> train(replica, shards[idx], idx)));
                }
                for (int r = 0; r < 2; r++) assertArrayEquals(sequential[r], running.get(r).get(), "replica " + r + ", round " + round);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static float[] train(Model m, Tensor[] d, int replica) {
        m.fit(d[0], d[1], FitOptions.builder().epochs(3).batchSize(16 + 16 * replica).shuffle(true).verbose(0).build());
        GradientStep step = new GradientStep(m);
        step.reseed(replica);
        float[] g = new float[step.gradientSize()];
        for (int i = 0; i + 8 <= d[0].rows(); i += 8) {
            step.compute(new Batch(Map.of("x", d[0].rows(i, i + 8)), Map.of("y", d[1].rows(i, i + 8))), g);
            step.apply(g);
        }
        return step.weights();
    }
}
