package dev.strata.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.activations.Activation;
import dev.strata.init.Initializer;
import dev.strata.init.Regularizer;
import dev.strata.model.Model;
import dev.strata.model.ModelBuilder;
import dev.strata.model.Sequential;
import dev.strata.model.TensorRef;
import dev.strata.ops.DType;
import dev.strata.ops.Expr;
import dev.strata.ops.GradientCheck;
import dev.strata.ops.Parameter;
import dev.strata.ops.Plan;
import dev.strata.ops.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Recurrent layers, Embedding, TimeDistributed and Bidirectional: float64 gradients of every weight
 * and input against central finite differences, forward values against hand computations, shape
 * errors, and a save/load round trip.
 */
class RecurrentGradientTest {
    private static final double TOL = 1e-6;
    private static final int B = 2, T = 3, F = 3;

    /**
     * The gradient of a random projection of the model's first output, with respect to every weight
     * and every input not listed in {@code fed} (those are fed as placeholders, e.g. embedding ids).
     */
    static double check(Model model, Map<String, Tensor> x, Set<String> fed) {
        Map<String, Expr> inputs = new LinkedHashMap<>();
        Map<Expr, Tensor> feeds = new LinkedHashMap<>();
        List<Parameter> wrt = new ArrayList<>(model.weights().all());
        for (String name : model.inputNames()) {
            if (fed.contains(name)) {
                int[] s = x.get(name).shape();
                s[0] = -1;
                Expr in = Expr.input(name, s);
                inputs.put(name, in);
                feeds.put(in, x.get(name));
            } else {
                Parameter p = new Parameter("input:" + name, x.get(name), DType.FLOAT64, true);
                inputs.put(name, Expr.param(p));
                wrt.add(p);
            }
        }
        Expr y = model.expressions(inputs)[model.graph().outputs().values().iterator().next()];
        int[] ys = y.shape();
        Expr r = Expr.input("projection", ys);
        int[] concrete = ys.clone();
        if (concrete[0] < 0) concrete[0] = B;
        Tensor rv = random(99, concrete);
        feeds.put(r, rv);
        Expr loss = y.times(r).sum();
        Plan plan = Plan.compile(List.of(loss), DType.FLOAT64, 3);
        return GradientCheck.maxRelativeError(plan, loss, wrt, p -> feeds.forEach(p::feed));
    }

    static double check(Model model, Map<String, Tensor> x) {
        return check(model, x, Set.of());
    }

    static Tensor random(long seed, int... shape) {
        return GradientCheck.param("r", seed, -1, 1, shape).get();
    }

    static Model single(Layer layer, int... inputShape) {
        ModelBuilder b = new ModelBuilder();
        TensorRef x = b.input("x", inputShape);
        b.output("y", b.apply(layer, x));
        return b.build(5, DType.FLOAT64);
    }

    /** Random biases so that every bias gradient is exercised away from zero. */
    static Initializer someBias() {
        return new Initializer.RandomUniform(-0.5, 0.5);
    }

    static SimpleRNN simple(String name, int units, Activation a, boolean bias, boolean seq) {
        return new SimpleRNN(name, units, a, bias, Initializer.glorotUniform(), Initializer.glorotUniform(), someBias(),
                null, null, null, seq, false, true);
    }

    static LSTM lstm(String name, int units, boolean bias, boolean seq) {
        return new LSTM(name, units, Activation.TANH, Activation.SIGMOID, bias, Initializer.glorotUniform(), Initializer.glorotUniform(),
                someBias(), true, null, null, null, seq, false, true);
    }

    static GRU gru(String name, int units, boolean resetAfter, boolean seq) {
        return new GRU(name, units, Activation.TANH, Activation.SIGMOID, true, Initializer.glorotUniform(), Initializer.glorotUniform(),
                someBias(), null, null, null, resetAfter, seq, false, true);
    }

    // ----- gradients -----

    @Test void simpleRnnBothWaysWithAndWithoutBias() {
        for (boolean seq : new boolean[] {true, false}) {
            for (boolean bias : new boolean[] {true, false}) {
                double err = check(single(simple("rnn", 4, Activation.TANH, bias, seq), T, F), Map.of("x", random(1, B, T, F)));
                assertTrue(err < TOL, "SimpleRNN seq=" + seq + " bias=" + bias + ": " + err);
            }
        }
    }

    @Test void everyCellActivation() {
        for (Activation a : List.of(Activation.LINEAR, Activation.SIGMOID, Activation.TANH, Activation.RELU, Activation.ELU,
                Activation.leakyRelu(0.2), Activation.SELU, Activation.SOFTPLUS)) {
            double err = check(single(simple("rnn", 3, a, true, true), T, F), Map.of("x", random(2, B, T, F)));
            assertTrue(err < TOL, a.label() + ": " + err);
        }
        LSTM odd = new LSTM("odd", 3, Activation.SOFTPLUS, Activation.TANH, true, Initializer.glorotUniform(), Initializer.glorotUniform(),
                someBias(), false, null, null, null, true, false, true);
        assertTrue(check(single(odd, T, F), Map.of("x", random(3, B, T, F))) < TOL, "LSTM softplus/tanh (Java loop)");
        LSTM java = new LSTM("java", 3, Activation.ELU, Activation.SIGMOID, true, Initializer.glorotUniform(), Initializer.glorotUniform(),
                someBias(), false, null, null, null, false, false, true);
        assertTrue(check(single(java, T, F), Map.of("x", random(3, B, T, F))) < TOL, "LSTM elu/sigmoid (Java loop)");
        GRU oddGru = new GRU("oddg", 3, Activation.ELU, Activation.TANH, true, Initializer.glorotUniform(), Initializer.glorotUniform(),
                someBias(), null, null, null, true, true, false, true);
        assertTrue(check(single(oddGru, T, F), Map.of("x", random(4, B, T, F))) < TOL, "GRU elu/tanh");
    }

    @Test void lstmBothWaysWithAndWithoutBias() {
        for (boolean seq : new boolean[] {true, false}) {
            for (boolean bias : new boolean[] {true, false}) {
                double err = check(single(lstm("lstm", 4, bias, seq), T, F), Map.of("x", random(5, B, T, F)));
                assertTrue(err < TOL, "LSTM seq=" + seq + " bias=" + bias + ": " + err);
            }
        }
    }

    @Test void gruBothResetModesAndBothWays() {
        for (boolean resetAfter : new boolean[] {true, false}) {
            for (boolean seq : new boolean[] {true, false}) {
                double err = check(single(gru("gru", 4, resetAfter, seq), T, F), Map.of("x", random(6, B, T, F)));
                assertTrue(err < TOL, "GRU resetAfter=" + resetAfter + " seq=" + seq + ": " + err);
            }
        }
    }

    /** Initial states are inputs too: their gradients are checked with the rest. */
    @Test void initialStates() {
        List<RecurrentLayer> layers = List.of(simple("s", 3, Activation.TANH, true, true), lstm("l", 3, true, false),
                gru("g", 3, true, true), gru("g0", 3, false, false));
        for (RecurrentLayer r : layers) {
            ModelBuilder b = new ModelBuilder();
            TensorRef x = b.input("x", T, F);
            List<TensorRef> ins = new ArrayList<>(List.of(x));
            Map<String, Tensor> values = new LinkedHashMap<>(Map.of("x", random(7, B, T, F)));
            for (int i = 0; i < r.stateNames().size(); i++) {
                ins.add(b.input("s" + i, 3));
                values.put("s" + i, random(8 + i, B, 3));
            }
            b.output("y", b.apply((Layer) r, ins.toArray(TensorRef[]::new)));
            double err = check(b.build(1, DType.FLOAT64), values);
            assertTrue(err < TOL, r.name() + " with initial state: " + err);
        }
    }

    /** returnState: the output and the final states, packed and taken apart, all reach the loss. */
    @Test void returnStateParts() {
        for (MultiOutput layer : List.<MultiOutput>of(lstm("l", 3, true, true).withReturnState(true),
                gru("g", 3, true, false).withReturnState(true),
                Bidirectional.of("bi", lstm("inner", 3, true, false).withReturnState(true)))) {
            ModelBuilder b = new ModelBuilder();
            TensorRef x = b.input("x", T, F);
            TensorRef packed = b.apply((Layer) layer, x);
            List<TensorRef> flat = new ArrayList<>();
            for (OutputPart p : layer.outputParts(List.of(x.shape()))) {
                TensorRef part = b.apply(p, packed);
                flat.add(part.shape().length == 1 ? part : b.apply(new Flatten(p.name() + "_flat"), part));
            }
            TensorRef all = b.apply(new Concatenate("all", -1), flat.toArray(TensorRef[]::new));
            b.output("y", b.apply(Dense.of("out", 2, Activation.TANH), all));
            double err = check(b.build(2, DType.FLOAT64), Map.of("x", random(9, B, T, F)));
            assertTrue(err < TOL, ((Layer) layer).name() + " returnState: " + err);
        }
    }

    @Test void returnStatePartsHoldOutputAndStates() {
        LSTM l = LSTM.of("l", 2).withReturnState(true);
        ModelBuilder b = new ModelBuilder();
        TensorRef x = b.input("x", T, F);
        TensorRef packed = b.apply(l, x);
        List<OutputPart> parts = l.outputParts(List.of(x.shape()));
        assertEquals(List.of("l_output", "l_state_h", "l_state_c"), parts.stream().map(OutputPart::name).toList());
        for (OutputPart p : parts) b.output(p.name(), b.apply(p, packed));
        Model m = b.build(3, DType.FLOAT64);
        Map<String, Tensor> out = m.predictAll(Map.of("x", random(10, B, T, F)));
        assertTrue(out.get("l_output").allClose(out.get("l_state_h"), 0), "the output of the last step is h");
        assertTrue(!out.get("l_state_c").allClose(out.get("l_state_h"), 1e-3), "c differs from h");
        assertEquals(List.of(B, 2), List.of(out.get("l_state_c").shape()[0], out.get("l_state_c").shape()[1]));
    }

    @Test void bidirectionalEveryMergeMode() {
        List<Layer> inner = List.of(lstm("a", 3, true, true), gru("b", 3, true, false), simple("c", 3, Activation.TANH, true, true),
                gru("d", 3, false, true));
        List<String> modes = List.of("concat", "sum", "mul", "ave");
        for (int i = 0; i < inner.size(); i++) {
            Bidirectional bi = new Bidirectional("bi", inner.get(i), modes.get(i));
            double err = check(single(bi, T, F), Map.of("x", random(11, B, T, F)));
            assertTrue(err < TOL, "Bidirectional " + modes.get(i) + " over " + inner.get(i).typeName() + ": " + err);
        }
    }

    @Test void bidirectionalWithInitialStates() {
        ModelBuilder b = new ModelBuilder();
        TensorRef x = b.input("x", T, F);
        List<TensorRef> ins = new ArrayList<>(List.of(x));
        Map<String, Tensor> values = new LinkedHashMap<>(Map.of("x", random(12, B, T, F)));
        for (int i = 0; i < 4; i++) {
            ins.add(b.input("s" + i, 2));
            values.put("s" + i, random(13 + i, B, 2));
        }
        b.output("y", b.apply(Bidirectional.of("bi", lstm("l", 2, true, true)), ins.toArray(TensorRef[]::new)));
        assertTrue(check(b.build(1, DType.FLOAT64), values) < TOL);
    }

    /** The backward direction reads the sequence from its end: reversing the input swaps the two halves. */
    @Test void bidirectionalBackwardRunsReversed() {
        Bidirectional bi = Bidirectional.of("bi", LSTM.of("l", 2));
        Model m = single(bi, T, F);
        // Same weights both ways: then reversing time swaps the forward and backward outputs.
        List<Tensor> w = m.getWeights("bi");
        m.setWeights("bi", List.of(w.get(0), w.get(1), w.get(2), w.get(0), w.get(1), w.get(2)));
        double[] x = random(14, 1, T, F).toDoubleArray();
        double[] rev = new double[x.length];
        for (int t = 0; t < T; t++) System.arraycopy(x, t * F, rev, (T - 1 - t) * F, F);
        double[] a = m.predict(Tensor.of(x, 1, T, F)).toDoubleArray();
        double[] r = m.predict(Tensor.of(rev, 1, T, F)).toDoubleArray();
        for (int i = 0; i < 2; i++) {
            assertEquals(a[i], r[2 + i], 1e-12);
            assertEquals(a[2 + i], r[i], 1e-12);
        }
    }

    @Test void timeDistributedDense() {
        Dense d = new Dense("d", 2, Activation.TANH, true, Initializer.glorotUniform(), someBias(), Regularizer.l2(0.1), null, true);
        TimeDistributed td = new TimeDistributed("td", d);
        Model m = single(td, T, F);
        assertEquals("[" + T + ", 2]", java.util.Arrays.toString(m.graph().outputShape("y")));
        assertEquals(List.of("kernel", "bias"), List.copyOf(m.weights().of("td").keySet()));
        assertTrue(check(m, Map.of("x", random(15, B, T, F))) < TOL);
    }

    /** Every step gets the inner layer applied separately: the same as applying it to one step at a time. */
    @Test void timeDistributedMatchesPerStep() {
        Model m = single(new TimeDistributed("td", Dense.of("d", 2, Activation.SIGMOID)), T, F);
        Tensor x = random(16, B, T, F);
        double[] y = m.predict(x).toDoubleArray();
        double[] k = m.getWeights("td").get(0).toDoubleArray(), bias = m.getWeights("td").get(1).toDoubleArray();
        double[] xv = x.toDoubleArray();
        for (int i = 0; i < B * T; i++) {
            for (int j = 0; j < 2; j++) {
                double z = bias[j];
                for (int f = 0; f < F; f++) z += xv[i * F + f] * k[f * 2 + j];
                assertEquals(1 / (1 + Math.exp(-z)), y[i * 2 + j], 1e-12);
            }
        }
    }

    @Test void timeDistributedModelSharesWeights() {
        ModelBuilder inner = new ModelBuilder().name("step");
        TensorRef z = inner.input("z", F);
        TensorRef h = inner.apply(Dense.of("enc1", 4, Activation.RELU), z);
        inner.output("code", inner.apply(new Dense("enc2", 2, Activation.TANH, true, Initializer.glorotUniform(), someBias(),
                null, null, true), h));
        Model step = inner.build(3, DType.FLOAT64);

        ModelBuilder b = new ModelBuilder();
        TensorRef x = b.input("x", T, F);
        TensorRef codes = b.applyTimeDistributed("td", step, x);
        assertEquals("[" + T + ", 2]", java.util.Arrays.toString(codes.shape()));
        TensorRef seq = b.apply(lstm("l", 3, true, false), codes);
        b.output("y", b.apply(Dense.of("out", 1, Activation.LINEAR), seq));
        Model m = b.build(4, DType.FLOAT64);
        assertSame(step.weights().of("enc1").get("kernel"), m.weights().of("enc1").get("kernel"), "the wrapped model shares its weights");
        assertTrue(m.summary().contains("td (TimeDistributed)"), m.summary());
        assertEquals(4 * 3 + 4 + 4 * 2 + 2 + 4 * (2 * 3 + 3 * 3 + 3) + 3 + 1, m.countParams(false));
        assertTrue(check(m, Map.of("x", random(17, B, T, F))) < TOL);
    }

    @Test void embeddingGradientReachesTheTableOnly() {
        int vocab = 6;
        // Repeated ids: their rows' gradients accumulate.
        double[] ids = {0, 5, 5, 1, 1, 1};
        ModelBuilder b = new ModelBuilder();
        TensorRef x = b.input("ids", T);
        TensorRef e = b.apply(Embedding.of("emb", vocab, 3), x);
        TensorRef td = b.apply(new TimeDistributed("td", Dense.of("d", 3, Activation.TANH)), e);
        b.output("y", b.apply(gru("g", 2, true, true), td));
        Model m = b.build(6, DType.FLOAT64);
        assertEquals("[" + T + ", 3]", java.util.Arrays.toString(m.graph().nodes().get(1).shape()));
        assertTrue(check(m, Map.of("ids", Tensor.of(ids, B, T)), Set.of("ids")) < TOL);
    }

    @Test void embeddingLooksUpRowsAndRejectsBadIds() {
        Embedding emb = Embedding.of("emb", 4, 2);
        Model m = single(emb, 3);
        double[] table = m.getWeights("emb").get(0).toDoubleArray();
        double[] y = m.predict(Tensor.of(new double[] {3, 0, 3}, 1, 3)).toDoubleArray();
        assertEquals(table[6], y[0], 0);
        assertEquals(table[7], y[1], 0);
        assertEquals(table[0], y[2], 0);
        assertEquals(table[6], y[4], 0);
        var tooBig = assertThrows(IllegalArgumentException.class, () -> m.predict(Tensor.of(new double[] {1, 4, 0}, 1, 3)));
        assertTrue(tooBig.getMessage().contains("id 4 is out of range [0, 4)"), tooBig.getMessage());
        var negative = assertThrows(IllegalArgumentException.class, () -> m.predict(Tensor.of(new double[] {1, -1, 0}, 1, 3)));
        assertTrue(negative.getMessage().contains("id -1"), negative.getMessage());
        var fraction = assertThrows(IllegalArgumentException.class, () -> m.predict(Tensor.of(new double[] {1, 0.5, 0}, 1, 3)));
        assertTrue(fraction.getMessage().contains("whole numbers"), fraction.getMessage());
    }

    // ----- forward values by hand -----

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    /** x·W[:, col] + h·U[:, col] + b[col] for one sample. */
    private static double pre(double[] x, double[] w, double[] h, double[] u, double b, int col, int width) {
        double z = b;
        for (int f = 0; f < x.length; f++) z += x[f] * w[f * width + col];
        for (int k = 0; k < h.length; k++) z += h[k] * u[k * width + col];
        return z;
    }

    @Test void lstmStepsMatchAHandComputation() {
        int units = 2;
        LSTM layer = LSTM.of("l", units).withReturnSequences(true);
        Model m = single(layer, T, F);
        List<Tensor> w = m.getWeights("l");
        double[] k = w.get(0).toDoubleArray(), u = w.get(1).toDoubleArray(), b = w.get(2).toDoubleArray();
        // Keras's unit_forget_bias: the forget block starts at one, the rest at zero.
        assertEquals(List.of(0.0, 0.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0), java.util.Arrays.stream(b).boxed().toList());
        // Non-trivial biases for the check.
        b = random(20, 4 * units).toDoubleArray();
        m.setWeights("l", List.of(w.get(0), w.get(1), Tensor.of(b, 4 * units)));
        Tensor x = random(21, 1, T, F);
        double[] xv = x.toDoubleArray(), y = m.predict(x).toDoubleArray();
        double[] h = new double[units], c = new double[units];
        int width = 4 * units;
        for (int t = 0; t < T; t++) {
            double[] xt = java.util.Arrays.copyOfRange(xv, t * F, (t + 1) * F);
            double[] hNew = new double[units];
            for (int j = 0; j < units; j++) {
                double i = sigmoid(pre(xt, k, h, u, b[j], j, width));
                double f = sigmoid(pre(xt, k, h, u, b[units + j], units + j, width));
                double g = Math.tanh(pre(xt, k, h, u, b[2 * units + j], 2 * units + j, width));
                double o = sigmoid(pre(xt, k, h, u, b[3 * units + j], 3 * units + j, width));
                c[j] = f * c[j] + i * g;
                hNew[j] = o * Math.tanh(c[j]);
            }
            h = hNew;
            for (int j = 0; j < units; j++) assertEquals(h[j], y[t * units + j], 1e-12, "step " + t + " unit " + j);
        }
    }

    @Test void gruStepsMatchAHandComputation() {
        int units = 2;
        for (boolean resetAfter : new boolean[] {true, false}) {
            Model m = single(gru("g", units, resetAfter, true), T, F);
            List<Tensor> w = m.getWeights("g");
            double[] k = w.get(0).toDoubleArray(), u = w.get(1).toDoubleArray(), bias = w.get(2).toDoubleArray();
            int width = 3 * units;
            double[] bi = java.util.Arrays.copyOfRange(bias, 0, width);
            double[] bh = resetAfter ? java.util.Arrays.copyOfRange(bias, width, 2 * width) : new double[width];
            Tensor x = random(22, 1, T, F);
            double[] xv = x.toDoubleArray(), y = m.predict(x).toDoubleArray();
            double[] h = new double[units];
            double[] none = new double[0];
            for (int t = 0; t < T; t++) {
                double[] xt = java.util.Arrays.copyOfRange(xv, t * F, (t + 1) * F);
                double[] hNew = new double[units];
                double[] r = new double[units];
                for (int j = 0; j < units; j++) r[j] = sigmoid(pre(xt, k, h, u, bi[units + j] + bh[units + j], units + j, width));
                for (int j = 0; j < units; j++) {
                    double z = sigmoid(pre(xt, k, h, u, bi[j] + bh[j], j, width));
                    double cand;
                    if (resetAfter) {
                        double hu = pre(none, k, h, u, bh[2 * units + j], 2 * units + j, width);
                        cand = Math.tanh(pre(xt, k, new double[units], u, bi[2 * units + j], 2 * units + j, width) + r[j] * hu);
                    } else {
                        double[] rh = new double[units];
                        for (int q = 0; q < units; q++) rh[q] = r[q] * h[q];
                        cand = Math.tanh(pre(xt, k, rh, u, bi[2 * units + j], 2 * units + j, width));
                    }
                    hNew[j] = z * h[j] + (1 - z) * cand;
                }
                h = hNew;
                for (int j = 0; j < units; j++) assertEquals(h[j], y[t * units + j], 1e-12, "resetAfter=" + resetAfter + " step " + t);
            }
        }
    }

    @Test void simpleRnnMatchesAHandComputation() {
        int units = 3;
        Model m = single(simple("s", units, Activation.TANH, true, false), T, F);
        List<Tensor> w = m.getWeights("s");
        double[] k = w.get(0).toDoubleArray(), u = w.get(1).toDoubleArray(), b = w.get(2).toDoubleArray();
        Tensor x = random(23, 1, T, F);
        double[] xv = x.toDoubleArray(), y = m.predict(x).toDoubleArray();
        double[] h = new double[units];
        for (int t = 0; t < T; t++) {
            double[] xt = java.util.Arrays.copyOfRange(xv, t * F, (t + 1) * F);
            double[] hNew = new double[units];
            for (int j = 0; j < units; j++) hNew[j] = Math.tanh(pre(xt, k, h, u, b[j], j, units));
            h = hNew;
        }
        for (int j = 0; j < units; j++) assertEquals(h[j], y[j], 1e-12);
    }

    // ----- shapes, parameters, messages -----

    @Test void parameterCountsMatchKeras() {
        assertEquals(4 * (8 * 3 + 8 * 8 + 8), single(LSTM.of("l", 8), 5, 3).countParams(false));
        assertEquals(3 * (8 * 3 + 8 * 8) + 2 * 3 * 8, single(GRU.of("g", 8), 5, 3).countParams(false));
        assertEquals(8 * 3 + 8 * 8 + 8, single(SimpleRNN.of("s", 8), 5, 3).countParams(false));
        assertEquals(2 * 4 * (8 * 3 + 8 * 8 + 8), single(Bidirectional.of("b", LSTM.of("l", 8)), 5, 3).countParams(false));
        assertEquals(100 * 16, single(Embedding.of("e", 100, 16), 7).countParams(false));
        Model bi = single(Bidirectional.of("b", GRU.of("g", 4).withReturnSequences(true)), 5, 3);
        assertEquals("[5, 8]", java.util.Arrays.toString(bi.graph().outputShape("y")));
    }

    @Test void shapeErrorsNameTheLayerAndShapes() {
        var rank = assertThrows(LayerException.class, () -> single(LSTM.of("enc", 8), 4));
        assertTrue(rank.getMessage().contains("layer 'enc' (LSTM)") && rank.getMessage().contains("(None, time, features), got (None, 4)"),
                rank.getMessage());
        ModelBuilder b = new ModelBuilder();
        TensorRef x = b.input("x", 5, 3);
        TensorRef h0 = b.input("h0", 7);
        var state = assertThrows(LayerException.class, () -> b.apply(GRU.of("gru", 8), x, h0));
        assertTrue(state.getMessage().contains("initial state 1 must have shape (None, 8), got (None, 7)"), state.getMessage());
        var count = assertThrows(LayerException.class, () -> b.apply(LSTM.of("lstm", 7), x, h0));
        assertTrue(count.getMessage().contains("optionally 2 initial state"), count.getMessage());
        var td = assertThrows(LayerException.class, () -> single(new TimeDistributed("td", Dense.of("d", 2, Activation.LINEAR)), 4));
        assertTrue(td.getMessage().contains("layer 'td' (TimeDistributed): expected input of shape (None, time, ...), got (None, 4)"),
                td.getMessage());
        var inner = assertThrows(LayerException.class, () -> single(new TimeDistributed("td", Dense.of("d", 2, Activation.LINEAR)), 4, 3, 2));
        assertTrue(inner.getMessage().contains("'td'") && inner.getMessage().contains("layer 'd' (Dense)"), inner.getMessage());
        var wrap = assertThrows(IllegalArgumentException.class, () -> Bidirectional.of("bi", Dense.of("d", 2, Activation.LINEAR)));
        assertTrue(wrap.getMessage().contains("wraps a recurrent layer"), wrap.getMessage());
        var softmax = assertThrows(IllegalArgumentException.class, () -> new SimpleRNN("s", 2, Activation.SOFTMAX, true,
                Initializer.glorotUniform(), Initializer.glorotUniform(), Initializer.zeros(), null, null, null, false, false, true));
        assertTrue(softmax.getMessage().contains("'softmax' is not supported"), softmax.getMessage());
        var part = assertThrows(LayerException.class, () -> single(new OutputPart("p", 4, new int[] {8}), 10));
        assertTrue(part.getMessage().contains("n ≥ 12, got (None, 10)"), part.getMessage());
    }

    /** A sequence-to-sequence model trains end to end: per-step targets (batch, time, 1) through TimeDistributed. */
    @Test void sequenceToSequenceTrains() {
        Model m = new Sequential(T, F).add(GRU.of("gru", 8).withReturnSequences(true))
                .add(new TimeDistributed("td", Dense.of("d", 1, Activation.LINEAR))).build(3, DType.FLOAT32);
        m.compile(dev.strata.training.CompileOptions.builder().optimizer(new dev.strata.optimizers.Optimizer.Adam(0.02, 0.9, 0.999, 1e-7))
                .loss("td", new dev.strata.losses.Loss.MeanSquaredError(), 1.0).build());
        Tensor x = random(40, 16, T, F).to(DType.FLOAT32);
        // Target: the running sum of the first feature.
        double[] xv = x.toDoubleArray(), yv = new double[16 * T];
        for (int i = 0; i < 16; i++) {
            double acc = 0;
            for (int t = 0; t < T; t++) yv[i * T + t] = acc += xv[(i * T + t) * F] * 0.5;
        }
        Tensor y = Tensor.of(yv, 16, T, 1).to(DType.FLOAT32);
        double first = m.evaluate(x, y).get("loss");
        m.fit(x, y, dev.strata.training.FitOptions.builder().epochs(40).batchSize(16).verbose(0).build());
        double last = m.evaluate(x, y).get("loss");
        assertTrue(last < first * 0.2, "loss " + first + " -> " + last);
    }

    // ----- saving -----

    @Test void savedSequenceModelsPredictIdentically(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        Model lstm = new Sequential(T, F).add(LSTM.of("lstm", 5).withReturnSequences(true)).add(LSTM.of("lstm_1", 3))
                .add(Dense.of("out", 1, Activation.LINEAR)).build(7, DType.FLOAT32);
        lstm.compile(dev.strata.training.CompileOptions.builder().optimizer(new dev.strata.optimizers.Optimizer.Adam(0.01, 0.9, 0.999, 1e-7))
                .loss("out", new dev.strata.losses.Loss.MeanSquaredError(), 1.0).build());
        Tensor x = random(30, 8, T, F).to(DType.FLOAT32);
        Tensor y = random(31, 8, 1).to(DType.FLOAT32);
        lstm.trainOnBatch(x, y);
        lstm.trainOnBatch(x, y);
        java.nio.file.Path file = dir.resolve("lstm.strata");
        lstm.save(file);
        Model back = Model.load(file);
        assertTrue(back.predict(x).allClose(lstm.predict(x), 0), "the loaded LSTM predicts identically");
        assertEquals(lstm.trainOnBatch(x, y).get("loss"), back.trainOnBatch(x, y).get("loss"), 1e-6, "and resumes training alike");

        // Every sequence layer type in one architecture.
        ModelBuilder inner = new ModelBuilder().name("step");
        TensorRef z = inner.input("z", 6);
        inner.output("code", inner.apply(Dense.of("proj", 4, Activation.RELU), z));
        Model step = inner.build(1, DType.FLOAT32);
        ModelBuilder b = new ModelBuilder();
        TensorRef ids = b.input("ids", T);
        TensorRef e = b.apply(Embedding.of("emb", 10, 6), ids);
        TensorRef p = b.applyTimeDistributed("td_model", step, e);
        TensorRef bi = b.apply(Bidirectional.of("bi", GRU.of("gru", 3).withReturnSequences(true)), p);
        TensorRef d = b.apply(new TimeDistributed("td", Dense.of("d", 4, Activation.TANH)), bi);
        SimpleRNN rnn = SimpleRNN.of("rnn", 2).withReturnState(true);
        TensorRef packed = b.apply(rnn, d);
        List<OutputPart> parts = rnn.outputParts(List.of(d.shape()));
        b.output("out", b.apply(parts.get(0), packed));
        b.output("state", b.apply(parts.get(1), packed));
        Model all = b.build(2, DType.FLOAT32);
        java.nio.file.Path f2 = dir.resolve("all.strata");
        all.save(f2);
        Model loaded = Model.load(f2);
        Tensor idv = Tensor.of(new float[] {1, 2, 9, 0, 0, 4}, 2, T);
        Map<String, Tensor> before = all.predictAll(Map.of("ids", idv)), after = loaded.predictAll(Map.of("ids", idv));
        assertTrue(before.get("out").allClose(after.get("out"), 0) && before.get("state").allClose(after.get("state"), 0));
        assertEquals(all.countParams(false), loaded.countParams(false));
        assertEquals(all.summary(), loaded.summary());
    }
}
