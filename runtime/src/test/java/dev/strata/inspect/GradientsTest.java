package dev.strata.inspect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.activations.Activation;
import dev.strata.layers.ActivationLayer;
import dev.strata.layers.Conv2D;
import dev.strata.layers.Dense;
import dev.strata.layers.Flatten;
import dev.strata.layers.MaxPool2D;
import dev.strata.losses.Loss;
import dev.strata.model.Model;
import dev.strata.model.Sequential;
import dev.strata.ops.DType;
import dev.strata.ops.Tensor;
import dev.strata.optimizers.Optimizer;
import dev.strata.training.CompileOptions;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

/** Gradients of units and losses with respect to inputs, activations and weights, against central finite differences. */
class GradientsTest {
    private static final double H = 1e-6;

    static double[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = r.nextDouble(-1, 1);
        return x;
    }

    private static Model dense() {
        return new Sequential(3).add(Dense.of("h", 4, Activation.LINEAR)).add(new ActivationLayer("act", Activation.TANH))
                .add(Dense.of("out", 2, Activation.SOFTMAX)).build(5, DType.FLOAT64);
    }

    private static Model conv() {
        return new Sequential(6, 6, 1).add(Conv2D.of("c", 3, 3, Activation.LINEAR)).add(new ActivationLayer("r", Activation.TANH))
                .add(MaxPool2D.of("p", 2)).add(new Flatten("f")).add(Dense.of("out", 3, Activation.SOFTMAX)).build(7, DType.FLOAT64);
    }

    /** Central difference of f as the i-th weight value of a layer's weight w moves. */
    private static double weightDifference(Model m, String layer, int which, int i, DoubleSupplier f) {
        List<Tensor> ws = m.getWeights(layer);
        double[] v = ws.get(which).toDoubleArray();
        int[] shape = ws.get(which).shape();
        double keep = v[i];
        v[i] = keep + H;
        m.setWeights(layer, replace(ws, which, Tensor.of(v.clone(), shape)));
        double up = f.getAsDouble();
        v[i] = keep - H;
        m.setWeights(layer, replace(ws, which, Tensor.of(v.clone(), shape)));
        double down = f.getAsDouble();
        m.setWeights(layer, ws);
        return (up - down) / (2 * H);
    }

    private static List<Tensor> replace(List<Tensor> ws, int which, Tensor t) {
        var copy = new java.util.ArrayList<>(ws);
        copy.set(which, t);
        return copy;
    }

    @Test void unitGradientsMatchFiniteDifferencesForInputsWeightsAndActivations() {
        Model m = dense();
        Tensor x = Tensor.of(random(3, 1), 1, 3);
        Gradients g = Gradients.of(m);
        Gradients.Result r = g.ofUnit(x, "out", 1);
        DoubleSupplier f = () -> m.predict(x).get(0, 1);
        assertEquals(f.getAsDouble(), r.value(), 1e-12);
        // Weights of both Dense layers (kernel and bias).
        for (String layer : List.of("h", "out")) {
            Map<String, Tensor> dw = r.weights(layer);
            double[] kernel = dw.get("kernel").toDoubleArray(), bias = dw.get("bias").toDoubleArray();
            for (int i = 0; i < kernel.length; i++) assertEquals(weightDifference(m, layer, 0, i, f), kernel[i], 1e-8, layer + " kernel " + i);
            for (int i = 0; i < bias.length; i++) assertEquals(weightDifference(m, layer, 1, i, f), bias[i], 1e-8, layer + " bias " + i);
        }
        // h is linear, so moving its bias moves its activations one to one: d/d bias_j = d/d h_j.
        double[] dh = g.ofUnit(x, "out", 1).activation("h").toDoubleArray();
        double[] dbias = g.ofUnit(x, "out", 1).weights("h").get("bias").toDoubleArray();
        assertArrayEquals(dbias, dh, 1e-12);
        for (int j = 0; j < 4; j++) assertEquals(weightDifference(m, "h", 1, j, f), dh[j], 1e-8, "dh " + j);
        // act = tanh(h): the chain rule ties the two activation gradients together.
        Gradients.Result again = g.ofUnit(x, "out", 1);
        double[] dact = again.activation("act").toDoubleArray(), act = again.activationValue("act").toDoubleArray();
        for (int j = 0; j < 4; j++) assertEquals(dh[j], dact[j] * (1 - act[j] * act[j]), 1e-12);
        assertArrayEquals(Activations.of(m, "act", x).toDoubleArray(), act, 1e-12);
        // Inputs.
        double[] dx = again.input().toDoubleArray();
        for (int i = 0; i < 3; i++) {
            double[] up = x.toDoubleArray(), down = x.toDoubleArray();
            up[i] += H;
            down[i] -= H;
            double numeric = (m.predict(Tensor.of(up, 1, 3)).get(0, 1) - m.predict(Tensor.of(down, 1, 3)).get(0, 1)) / (2 * H);
            assertEquals(numeric, dx[i], 1e-8, "input " + i);
        }
    }

    @Test void convActivationAndKernelGradientsMatchFiniteDifferences() {
        Model m = conv();
        Tensor x = Tensor.of(random(36, 3), 1, 6, 6, 1);
        Gradients.Result r = Gradients.of(m).ofUnit(x, "out", 2);
        DoubleSupplier f = () -> m.predict(x).get(0, 2);
        double[] dk = r.weights("c").get("kernel").toDoubleArray();
        for (int i = 0; i < dk.length; i++) assertEquals(weightDifference(m, "c", 0, i, f), dk[i], 1e-8, "conv kernel " + i);
        // The conv layer is linear: its bias gradient for filter k is the sum of d/d c[..., k] over positions.
        double[] dc = r.activation("c").toDoubleArray();
        assertArrayEquals(new int[] {1, 4, 4, 3}, r.activation("c").shape());
        for (int k = 0; k < 3; k++) {
            double sum = 0;
            for (int p = 0; p < 16; p++) sum += dc[p * 3 + k];
            assertEquals(weightDifference(m, "c", 1, k, f), sum, 1e-8, "filter " + k);
        }
        // The pooled map: its gradient is zero except at one place per window.
        assertArrayEquals(new int[] {1, 2, 2, 3}, r.activation("p").shape());
    }

    @Test void lossGradientsMatchFiniteDifferencesOfTheEvaluatedLoss() {
        Model m = dense();
        m.compile(CompileOptions.builder().optimizer(new Optimizer.Adam(0.01)).loss(new Loss.CategoricalCrossEntropy(false)).build());
        Tensor x = Tensor.of(random(6, 4), 2, 3);
        Tensor y = Tensor.of(new double[] {1, 0, 0, 1}, 2, 2);
        Gradients.Result r = Gradients.of(m).ofLoss(x, y);
        DoubleSupplier loss = () -> m.evaluate(x, y).get("loss");
        assertEquals(loss.getAsDouble(), r.value(), 1e-10);
        double[] dk = r.weights("out").get("kernel").toDoubleArray();
        for (int i = 0; i < dk.length; i++) assertEquals(weightDifference(m, "out", 0, i, loss), dk[i], 1e-7, "kernel " + i);
        double[] dh = r.activation("h").toDoubleArray(), db = r.weights("h").get("bias").toDoubleArray();
        for (int j = 0; j < 4; j++) assertEquals(db[j], dh[j] + dh[4 + j], 1e-12, "bias = sum over rows of dh");
    }

    @Test void withoutWeightGradientsInputsAndActivationsAreTheSame() {
        Model m = conv();
        Tensor x = Tensor.of(random(72, 9), 2, 6, 6, 1);
        Gradients.Result full = Gradients.of(m).ofUnit(x, "out", 1);
        double[] dx = full.input().toDoubleArray(), dc = full.activation("c").toDoubleArray();
        Gradients.Result fast = Gradients.of(m).weightGradients(false).ofUnit(x, "out", 1);
        assertArrayEquals(dx, fast.input().toDoubleArray(), 1e-12);
        assertArrayEquals(dc, fast.activation("c").toDoubleArray(), 1e-12);
        var off = assertThrows(IllegalStateException.class, () -> fast.weights("c"));
        assertTrue(off.getMessage().contains("switched off"), off.getMessage());
    }

    @Test void rowsOfABatchGetTheirOwnGradients() {
        Model m = dense();
        double[] xs = random(9, 8);
        Tensor batch = Tensor.of(xs, 3, 3);
        Gradients g = Gradients.of(m);
        double[] all = g.ofUnit(batch, "out", 0).input().toDoubleArray();
        for (int row = 0; row < 3; row++) {
            double[] one = g.ofUnit(batch.rows(row, row + 1), "out", 0).input().toDoubleArray();
            for (int i = 0; i < 3; i++) assertEquals(one[i], all[row * 3 + i], 1e-12);
        }
    }

    @Test void badRequestsNameTheLayerOutputAndRange() {
        Model m = dense();
        Tensor x = Tensor.of(random(3, 2), 1, 3);
        Gradients g = Gradients.of(m);
        var unit = assertThrows(IllegalArgumentException.class, () -> g.ofUnit(x, "out", 2));
        assertTrue(unit.getMessage().contains("2 values per row") && unit.getMessage().contains("unit 2"), unit.getMessage());
        var output = assertThrows(IllegalArgumentException.class, () -> g.ofUnit(x, "nope", 0));
        assertTrue(output.getMessage().contains("'nope'") && output.getMessage().contains("[out]"), output.getMessage());
        Gradients.Result r = g.ofUnit(x, "out", 0);
        var layer = assertThrows(IllegalArgumentException.class, () -> r.activation("hidden"));
        assertTrue(layer.getMessage().contains("'hidden'") && layer.getMessage().contains("act"), layer.getMessage());
        g.ofUnit(x, "out", 1);
        var stale = assertThrows(IllegalStateException.class, r::input);
        assertTrue(stale.getMessage().contains("later call"), stale.getMessage());
        var loss = assertThrows(IllegalStateException.class, () -> g.ofLoss(x, x));
        assertTrue(loss.getMessage().contains("not compiled"), loss.getMessage());
    }
}
