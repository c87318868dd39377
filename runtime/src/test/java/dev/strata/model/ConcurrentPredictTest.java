package dev.strata.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.strata.activations.Activation;
import dev.strata.layers.Dense;
import dev.strata.ops.DType;
import dev.strata.ops.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Layers large enough for the BLAS path (not the tiny-layer Java loops), predicted from many threads at
 * once, in batches of different sizes and single rows: every answer equals the one-thread answer.
 */
class ConcurrentPredictTest {
    @Test void largeLayersGiveTheSameAnswersFromManyThreads() throws Exception {
        Model m = new Sequential(64).add(Dense.of("h", 128, Activation.RELU)).add(Dense.of("out", 10, Activation.SOFTMAX))
                .build(3, DType.FLOAT32);
        SplittableRandom r = new SplittableRandom(5);
        List<Tensor> inputs = new ArrayList<>();
        for (int rows : new int[] {1, 7, 100, 257}) {
            float[] x = new float[rows * 64];
            for (int i = 0; i < x.length; i++) x[i] = (float) r.nextDouble(-1, 1);
            inputs.add(Tensor.of(x, rows, 64));
        }
        List<Tensor> expected = new ArrayList<>();
        for (Tensor x : inputs) expected.add(m.predict(x));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Tensor>> results = new ArrayList<>();
            for (int i = 0; i < 96; i++) {
                Tensor x = inputs.get(i % inputs.size());
                results.add(pool.submit(() -> m.predict(x)));
            }
            for (int i = 0; i < results.size(); i++) assertEquals(expected.get(i % inputs.size()), results.get(i).get(), "call " + i);
        } finally {
            pool.shutdown();
        }
    }
}
