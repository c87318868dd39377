package dev.strata.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.activations.Activation;
import dev.strata.callbacks.TerminateOnNaN;
import dev.strata.layers.Dense;
import dev.strata.losses.Loss;
import dev.strata.model.Model;
import dev.strata.model.ModelBuilder;
import dev.strata.ops.DType;
import dev.strata.ops.Tensor;
import dev.strata.optimizers.Optimizer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** fit means what Keras's does: initialEpoch, sample and class weights (metrics unweighted), TerminateOnNaN, non-finite losses reported. */
class KerasFitParityTest {
    private static final int N = 64;

    private static Model model(Activation out, int units, Loss loss, double lr) {
        ModelBuilder b = new ModelBuilder();
        var x = b.input("x", 3);
        var h = b.apply(Dense.of("h", 5, Activation.TANH), x);
        b.output("y", b.apply(Dense.of("y", units, out), h));
        Model m = b.build(7, DType.FLOAT64);
        m.compile(CompileOptions.builder().optimizer(new Optimizer.SGD(lr)).loss(loss).metrics(units == 1 ? new String[] {"mae"} : new String[0]).build());
        return m;
    }

    private static Tensor x() {
        SplittableRandom r = new SplittableRandom(3);
        double[] v = new double[N * 3];
        for (int i = 0; i < v.length; i++) v[i] = r.nextDouble(-1, 1);
        return Tensor.of(v, N, 3);
    }

    private static Tensor y(Tensor x, boolean labels) {
        double[] xv = x.toDoubleArray(), y = new double[N];
        for (int i = 0; i < N; i++) y[i] = labels ? (xv[3 * i] + xv[3 * i + 1] > 0 ? 1 : 0) : xv[3 * i] - 2 * xv[3 * i + 2];
        return Tensor.of(y, N, 1);
    }

    private static Tensor weights(double... pattern) {
        double[] w = new double[N];
        for (int i = 0; i < N; i++) w[i] = pattern[i % pattern.length];
        return Tensor.of(w, N);
    }

    private static FitOptions.Builder opts(int epochs) {
        return FitOptions.builder().epochs(epochs).batchSize(16).verbose(0);
    }

    @Test void initialEpochResumesAnUninterruptedRun() {
        Tensor x = x(), y = y(x, false);
        Model straight = model(Activation.LINEAR, 1, new Loss.MeanSquaredError(), 0.05);
        History all = straight.fit(x, y, opts(4).build());
        assertEquals(List.of(0, 1, 2, 3), all.epochIndices());

        Model resumed = model(Activation.LINEAR, 1, new Loss.MeanSquaredError(), 0.05);
        resumed.fit(x, y, opts(2).build());
        History rest = resumed.fit(x, y, opts(4).initialEpoch(2).build());
        assertEquals(2, rest.epochs(), "fit(epochs = 4, initialEpoch = 2) trains two epochs");
        assertEquals(List.of(2, 3), rest.epochIndices());
        assertEquals(all.get("loss").subList(2, 4), rest.get("loss"));
        assertEquals(all.get("mae").subList(2, 4), rest.get("mae"));
        assertEquals(straight.getWeights(), resumed.getWeights());
        assertEquals(0, resumed.fit(x, y, opts(4).initialEpoch(4).build()).epochs());
    }

    @Test void unitSampleWeightsChangeNothing() {
        Tensor x = x();
        for (Object[] c : new Object[][] {{new Loss.MeanSquaredError(), Activation.LINEAR, false}, {new Loss.MeanAbsoluteError(), Activation.LINEAR, false},
                {new Loss.Huber(0.5), Activation.LINEAR, false}, {new Loss.BinaryCrossEntropy(false), Activation.SIGMOID, true},
                {new Loss.BinaryCrossEntropy(true), Activation.LINEAR, true}}) {
            Loss loss = (Loss) c[0];
            Tensor y = y(x, (Boolean) c[2]);
            Model plain = model((Activation) c[1], 1, loss, 0.1), weighted = model((Activation) c[1], 1, loss, 0.1);
            History a = plain.fit(x, y, opts(2).build());
            History b = weighted.fit(x, y, opts(2).sampleWeight(weights(1)).build());
            for (int e = 0; e < 2; e++) assertEquals(a.get("loss").get(e), b.get("loss").get(e), 1e-9, loss.name());
            double[] wa = plain.getWeights().get(0).toDoubleArray(), wb = weighted.getWeights().get(0).toDoubleArray();
            assertArrayEquals(wa, wb, 1e-9, loss.name());
        }
    }

    @Test void sampleWeightsScaleEachSamplesLossAndLeaveMetricsUnweighted() {
        Tensor x = x(), y = y(x, false);
        // Learning rate 0: the weights stay, so the epoch's numbers are those of the initial model.
        Model m = model(Activation.LINEAR, 1, new Loss.MeanSquaredError(), 0);
        double[] p = m.predict(x).toDoubleArray(), t = y.toDoubleArray();
        Tensor w = weights(0, 1, 3, 0.5);
        double[] wv = w.toDoubleArray();
        double weighted = 0, mae = 0;
        for (int i = 0; i < N; i++) {
            weighted += wv[i] * (p[i] - t[i]) * (p[i] - t[i]) / N;
            mae += Math.abs(p[i] - t[i]) / N;
        }
        History h = m.fit(x, y, FitOptions.builder().epochs(1).batchSize(N).verbose(0).sampleWeight(w).build());
        assertEquals(weighted, h.last("loss"), 1e-12);
        assertEquals(mae, h.last("mae"), 1e-12, "metrics are unweighted, as in Keras");
        assertThrows(IllegalArgumentException.class, () -> m.fit(x, y, opts(1).sampleWeight(Tensor.of(new double[3], 3)).build()));
    }

    @Test void classWeightsEqualTheSampleWeightsTheyImply() {
        Tensor x = x(), y = y(x, true);
        double[] t = y.toDoubleArray(), implied = new double[N];
        for (int i = 0; i < N; i++) implied[i] = t[i] == 1 ? 4.0 : 0.5;
        for (Loss loss : List.of(new Loss.BinaryCrossEntropy(false), new Loss.SparseCategoricalCrossEntropy(false))) {
            boolean sparse = loss instanceof Loss.SparseCategoricalCrossEntropy;
            Activation out = sparse ? Activation.SOFTMAX : Activation.SIGMOID;
            Model byClass = model(out, sparse ? 2 : 1, loss, 0.2), bySample = model(out, sparse ? 2 : 1, loss, 0.2),
                    plain = model(out, sparse ? 2 : 1, loss, 0.2);
            History a = byClass.fit(x, y, opts(2).classWeight(Map.of(0, 0.5, 1, 4.0)).build());
            History b = bySample.fit(x, y, opts(2).sampleWeight(Tensor.of(implied, N)).build());
            History c = plain.fit(x, y, opts(2).build());
            assertEquals(b.get("loss"), a.get("loss"), loss.name());
            assertEquals(bySample.getWeights(), byClass.getWeights(), loss.name());
            assertTrue(Math.abs(a.get("loss").get(0) - c.get("loss").get(0)) > 1e-3, loss.name() + ": class weights change the loss");
        }
    }

    @Test void terminateOnNaNStopsAtTheBatchAndNonFiniteLossesAreReported() {
        Tensor x = x(), y = y(x, false);
        double[] bad = y.toDoubleArray();
        bad[40] = Double.NaN;
        Model m = model(Activation.LINEAR, 1, new Loss.MeanSquaredError(), 0.05);
        TerminateOnNaN stop = new TerminateOnNaN();
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        History h;
        System.setErr(new PrintStream(captured, true));
        try {
            h = m.fit(x, Tensor.of(bad, N, 1), opts(5).shuffle(false).callbacks(stop).build());
        } finally {
            System.setErr(err);
        }
        assertEquals(0, stop.stoppedEpoch());
        assertEquals(2, stop.stoppedBatch(), "row 40 is in the third batch of 16");
        assertEquals(1, h.epochs());
        String said = captured.toString();
        assertTrue(said.contains("the training loss is NaN at epoch 1, batch 3"), said);
        assertTrue(said.contains("epoch 1, batch 3: invalid loss NaN, terminating training"), said);
    }
}
