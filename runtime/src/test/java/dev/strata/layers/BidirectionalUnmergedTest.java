package dev.strata.layers;

import static dev.strata.layers.RecurrentGradientTest.check;
import static dev.strata.layers.RecurrentGradientTest.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.activations.Activation;
import dev.strata.model.Model;
import dev.strata.model.ModelBuilder;
import dev.strata.model.TensorRef;
import dev.strata.ops.DType;
import dev.strata.ops.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Keras's {@code merge_mode=None}: the two directions come out unmerged, as two parts. */
class BidirectionalUnmergedTest {
    private static final int B = 3, T = 4, F = 2, H = 3;

    /** A model whose outputs are the parts of the layer, by part name. */
    private static Model parts(Bidirectional bi) {
        ModelBuilder b = new ModelBuilder();
        TensorRef x = b.input("x", T, F);
        TensorRef packed = b.apply(bi, x);
        for (OutputPart p : bi.outputParts(List.of(x.shape()))) b.output(p.name(), b.apply(p, packed));
        return b.build(5, DType.FLOAT64);
    }

    @Test void partsAreTheHalvesOfConcat() {
        for (boolean sequences : List.of(false, true)) {
            LSTM inner = LSTM.of("l", H).withReturnSequences(sequences);
            Model none = parts(new Bidirectional("bi", inner, "none"));
            Model concat = RecurrentGradientTest.single(new Bidirectional("bi", inner, "concat"), T, F);
            concat.setWeights("bi", none.getWeights("bi"));
            Tensor x = random(21, B, T, F);
            Map<String, Tensor> out = none.predictAll(Map.of("x", x));
            assertEquals(List.of("bi_forward", "bi_backward"), List.copyOf(out.keySet()));
            double[] joined = concat.predict(x).toDoubleArray();
            double[] f = out.get("bi_forward").toDoubleArray(), bw = out.get("bi_backward").toDoubleArray();
            int rows = sequences ? B * T : B;
            for (int r = 0; r < rows; r++) {
                for (int u = 0; u < H; u++) {
                    assertEquals(joined[r * 2 * H + u], f[r * H + u], 1e-12, "forward, row " + r);
                    assertEquals(joined[r * 2 * H + H + u], bw[r * H + u], 1e-12, "backward, row " + r);
                }
            }
            int[] expected = sequences ? new int[] {B, T, H} : new int[] {B, H};
            assertArrayEquals(expected, out.get("bi_forward").shape());
        }
    }

    @Test void withStatesThePartsAreForwardBackwardThenStates() {
        Bidirectional bi = new Bidirectional("bi", GRU.of("g", H).withReturnState(true), "none");
        List<String> names = bi.outputParts(List.of(new int[] {T, F})).stream().map(OutputPart::name).toList();
        assertEquals(List.of("bi_forward", "bi_backward", "bi_forward_h", "bi_backward_h"), names);
    }

    @Test void gradientsReachBothParts() {
        ModelBuilder b = new ModelBuilder();
        TensorRef x = b.input("x", T, F);
        Bidirectional bi = new Bidirectional("bi", LSTM.of("l", H), "none");
        TensorRef packed = b.apply(bi, x);
        List<OutputPart> ps = bi.outputParts(List.of(x.shape()));
        TensorRef sum = b.apply(new Add("sum"), b.apply(Dense.of("df", 2, Activation.TANH), b.apply(ps.get(0), packed)),
                b.apply(Dense.of("db", 2, Activation.TANH), b.apply(ps.get(1), packed)));
        b.output("y", sum);
        double err = check(b.build(6, DType.FLOAT64), Map.of("x", random(22, B, T, F)));
        assertTrue(err < 1e-6, "Bidirectional none: " + err);
    }
}
