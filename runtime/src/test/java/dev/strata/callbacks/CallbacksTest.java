package dev.strata.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.activations.Activation;
import dev.strata.layers.Dense;
import dev.strata.losses.Loss;
import dev.strata.model.Model;
import dev.strata.model.Sequential;
import dev.strata.ops.Tensor;
import dev.strata.optimizers.Optimizer;
import dev.strata.training.CompileOptions;
import dev.strata.training.FitOptions;
import dev.strata.training.History;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The callbacks on a tiny regression: y = 2x + 1. */
class CallbacksTest {
    private static final Tensor X = Tensor.of(new float[] {0, 0.25f, 0.5f, 0.75f, 1, -0.5f, -1, 0.1f}, 8, 1);
    private static final Tensor Y = Tensor.of(new float[] {1, 1.5f, 2, 2.5f, 3, 0, -1, 1.2f}, 8, 1);

    private static Model line(double lr) {
        Model m = new Sequential(1).add(Dense.of("d", 1, Activation.LINEAR)).build(1, dev.strata.ops.DType.FLOAT32);
        m.compile(CompileOptions.builder().optimizer(new Optimizer.SGD(lr)).loss(new Loss.MeanSquaredError()).build());
        return m;
    }

    @Test void earlyStoppingStopsAndRestoresBest() {
        Model m = line(5.0); // diverges: the loss rises from the first epochs on
        EarlyStopping stop = new EarlyStopping("loss", 1e-8, 3, Mode.AUTO, true);
        List<Double> kernelAfterEpoch = new ArrayList<>();
        BatchHook record = new BatchHook((epoch, batch, logs, trainer) -> kernelAfterEpoch.add(trainer.model().getWeights("d").get(0).item()));
        History h = m.fit(X, Y, FitOptions.builder().epochs(50).batchSize(8).callbacks(record, stop).verbose(0).build());
        assertEquals(stop.stoppedEpoch() + 1, h.epochs());
        assertEquals(stop.bestEpoch() + 4, h.epochs(), "patience 3 after the best epoch");
        double best = h.get("loss").stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        assertEquals(best, stop.best(), 0);
        // Keras semantics: the weights as they were at the end of the best epoch come back.
        assertEquals(kernelAfterEpoch.get(stop.bestEpoch()), m.getWeights("d").get(0).item(), 0);
    }

    @Test void thresholdStopAndScheduleAndBatchHook() {
        Model m = line(0.1);
        List<Double> rates = new ArrayList<>();
        List<Double> kernel = new ArrayList<>();
        ThresholdStop threshold = ThresholdStop.below("loss", 0.01);
        History h = m.fit(X, Y, FitOptions.builder().epochs(500).batchSize(4).shuffle(false).verbose(0).callbacks(
                threshold,
                new LearningRateScheduler((epoch, lr) -> epoch < 2 ? 0.1 : 0.2),
                new BatchHook((epoch, batch, logs, trainer) -> {
                    rates.add(trainer.learningRate());
                    kernel.add(trainer.model().getWeights("d").get(0).item());
                })).build());
        assertEquals(threshold.stoppedEpoch() + 1, h.epochs());
        assertTrue(h.last("loss") <= 0.01);
        assertTrue(h.get("loss").get(h.epochs() - 2) > 0.01);
        assertEquals(2 * h.epochs(), kernel.size(), "two batches per epoch");
        assertEquals(0.1, rates.get(0));
        assertEquals(0.2, rates.get(rates.size() - 1));
        assertTrue(Math.abs(kernel.get(kernel.size() - 1) - 2) < Math.abs(kernel.get(0) - 2));
    }

    @Test void checkpointWritesEachEpochOrBest(@TempDir Path dir) throws Exception {
        Model m = line(0.1);
        m.fit(X, Y, FitOptions.builder().epochs(3).verbose(0)
                .callbacks(new ModelCheckpoint(dir.resolve("e{epoch}.strata").toString(), "loss", false, Mode.AUTO)).build());
        for (int e = 1; e <= 3; e++) assertTrue(Files.exists(dir.resolve("e" + e + ".strata")));
        Model back = Model.load(dir.resolve("e3.strata"));
        assertEquals(m.predict(X), back.predict(X));
    }
}
