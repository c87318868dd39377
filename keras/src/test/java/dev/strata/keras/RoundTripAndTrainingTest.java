package dev.strata.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.model.Model;
import dev.strata.ops.Tensor;
import dev.strata.training.FitOptions;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Imported models survive Strata's own save and load, and an imported compiled model trains on. */
class RoundTripAndTrainingTest {
    @TempDir Path dir;

    @Test
    void importedModelsSaveLoadAndPredictTheSame() {
        for (String f : List.of("dl4j/fullconfigs/cnn/cnn_batch_norm.h5", "hls4ml/prelu/prelu.h5", "hls4ml/thresholded_relu/thresholded_relu.h5",
                "dl4j/examples/conv1d/conv1d_k3_s1_d2_cf_same_model.h5", "dl4j/examples/functional_lstm/lstm_functional_tf_keras_2.h5",
                "frugally-deep/temp_stateless.h5", "dl4j/tfkeras/rnn_94.h5", "freesas/Rg+Dmax.keras")) {
            Model m = AllFixturesImportTest.importFixed(Fixtures.file(f));
            Path saved = dir.resolve(Path.of(f).getFileName() + ".strata");
            m.save(saved);
            Model back = Model.load(saved);
            Map<String, Tensor> feed = randomInputs(m, f);
            Map<String, Tensor> a = m.predictAll(feed), b = back.predictAll(feed);
            for (String o : m.outputNames()) {
                assertArrayEquals(a.get(o).toDoubleArray(), b.get(o).toDoubleArray(), 0, f + "/" + o);
            }
            assertTrue(back.metadata().get("keras_import").contains(Path.of(f).getFileName().toString()), f);
        }
    }

    static Map<String, Tensor> randomInputs(Model m, String seed) {
        Map<String, Tensor> feed = new HashMap<>();
        SplittableRandom r = new SplittableRandom(seed.hashCode());
        for (String in : m.inputNames()) {
            int[] s = m.graph().nodes().get(m.graph().inputs().get(in)).shape();
            int[] full = new int[s.length + 1];
            full[0] = 4;
            System.arraycopy(s, 0, full, 1, s.length);
            int count = 1;
            for (int d : full) count *= d;
            double[] v = new double[count];
            for (int i = 0; i < count; i++) v[i] = r.nextDouble(-1, 1);
            feed.put(in, Tensor.of(v, full));
        }
        return feed;
    }

    /** DL4J's sparse-cross-entropy MLP: compiled from the file, trained an epoch on the data beside it, its loss falls. */
    @Test
    void importedCompiledModelTrainsOnWithItsLossGoingDown() {
        Path dirOf = Fixtures.file("dl4j/examples/simple_sparse_xent");
        ImportedModel r = KerasImport.read(dirOf.resolve("simple_sparse_xent_mlp_keras_2_model.h5"), null, Map.of());
        Model m = r.model();
        assertTrue(m.isCompiled(), r.notes().toString());
        Path io = dirOf.resolve("simple_sparse_xent_mlp_keras_2_inputs_and_outputs.h5");
        Tensor x = Fixtures.group(io, "inputs").values().iterator().next();
        // Train towards the model's own arg-max classes, shifted by one: a target it does not meet yet.
        Tensor p = m.predict(x);
        int n = p.shape()[0], classes = p.shape()[1];
        double[] pv = p.toDoubleArray(), y = new double[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int c = 1; c < classes; c++) if (pv[i * classes + c] > pv[i * classes + best]) best = c;
            y[i] = (best + 1) % classes;
        }
        Tensor target = Tensor.of(y, n, 1);
        double before = m.evaluate(x, target).get("loss");
        m.fit(x, target, FitOptions.builder().epochs(1).batchSize(Math.max(1, n / 4)).verbose(0).build());
        double after = m.evaluate(x, target).get("loss");
        assertTrue(after < before, "loss " + before + " -> " + after);
    }
}
