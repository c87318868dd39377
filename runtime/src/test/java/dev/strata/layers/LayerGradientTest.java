package dev.strata.layers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.activations.Activation;
import dev.strata.init.Initializer;
import dev.strata.init.Regularizer;
import dev.strata.losses.Loss;
import dev.strata.model.Model;
import dev.strata.model.ModelBuilder;
import dev.strata.model.TensorRef;
import dev.strata.ops.DType;
import dev.strata.ops.Expr;
import dev.strata.ops.GradientCheck;
import dev.strata.ops.Parameter;
import dev.strata.ops.Plan;
import dev.strata.ops.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * Every layer's gradients with respect to its weights and its inputs, against central finite
 * differences in float64 — through shared layers and a nested model too.
 */
class LayerGradientTest {
    private static final double TOL = 1e-6;

    /** Builds a model, feeds the inputs as trainable "parameters" and checks every gradient. */
    static double check(Model model, Loss loss, Map<String, Tensor> x, Tensor target) {
        // Inputs become parameters so the same finite-difference oracle covers input gradients.
        Map<String, Expr> inputs = new java.util.LinkedHashMap<>();
        List<Parameter> wrt = new ArrayList<>(model.weights().all());
        for (String name : model.inputNames()) {
            Parameter p = new Parameter("input:" + name, x.get(name), DType.FLOAT64, true);
            inputs.put(name, Expr.param(p));
            wrt.add(p);
        }
        Expr[] all = model.expressions(inputs);
        Expr y = all[model.graph().outputs().values().iterator().next()];
        Expr l = loss.compute(Expr.constant(target.to(DType.FLOAT64)), y);
        Plan plan = Plan.compile(List.of(l), DType.FLOAT64, 3);
        return GradientCheck.maxRelativeError(plan, l, wrt, p -> {});
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

    @Test void denseWithEveryActivation() {
        for (Activation a : List.of(Activation.LINEAR, Activation.SIGMOID, Activation.TANH, Activation.RELU, Activation.ELU,
                Activation.leakyRelu(0.2), Activation.SELU, Activation.SOFTPLUS, Activation.SOFTMAX)) {
            Model m = single(new Dense("d", 3, a, true, new Initializer.GlorotUniform(), new Initializer.RandomUniform(-0.5, 0.5),
                    Regularizer.l2(0.01), null, true), 4);
            double err = check(m, new Loss.MeanSquaredError(), Map.of("x", random(1, 5, 4)), random(2, 5, 3));
            assertTrue(err < TOL, a.label() + ": " + err);
        }
    }

    @Test void denseWithoutBias() {
        Model m = single(new Dense("d", 2, Activation.TANH, false, new Initializer.HeNormal(), Initializer.zeros(), null, null, true), 3);
        assertTrue(check(m, new Loss.MeanAbsoluteError(), Map.of("x", random(1, 4, 3)), random(2, 4, 2)) < TOL);
    }

    @Test void shapeLayers() {
        ModelBuilder b = new ModelBuilder();
        TensorRef x = b.input("x", 2, 3);
        TensorRef f = b.apply(new Flatten("flat"), x);
        TensorRef r = b.apply(new Reshape("re", new int[] {3, 2}), f);
        TensorRef f2 = b.apply(new Flatten("flat2"), r);
        TensorRef d = b.apply(new Dropout("drop", 0.3), f2);
        b.output("y", b.apply(Dense.of("out", 2, Activation.SIGMOID), d));
        Model m = b.build(1, DType.FLOAT64);
        assertTrue(check(m, new Loss.MeanSquaredError(), Map.of("x", random(3, 4, 2, 3)), random(4, 4, 2)) < TOL);
    }

    @Test void mergeLayers() {
        List<BiFunction<String, Integer, Layer>> merges = List.of(
                (n, i) -> new Add(n), (n, i) -> new Multiply(n), (n, i) -> new Average(n), (n, i) -> new Concatenate(n, -1));
        for (var merge : merges) {
            ModelBuilder b = new ModelBuilder();
            TensorRef x1 = b.input("a", 3);
            TensorRef x2 = b.input("b", 3);
            TensorRef h1 = b.apply(Dense.of("h1", 4, Activation.TANH), x1);
            TensorRef h2 = b.apply(Dense.of("h2", 4, Activation.SIGMOID), x2);
            TensorRef m = b.apply(merge.apply("merge", 0), h1, h2);
            b.output("y", b.apply(Dense.of("out", 1, Activation.LINEAR), m));
            Model model = b.build(2, DType.FLOAT64);
            double err = check(model, new Loss.MeanSquaredError(), Map.of("a", random(5, 3, 3), "b", random(6, 3, 3)), random(7, 3, 1));
            assertTrue(err < TOL, model.graph().layers().get("merge").typeName() + ": " + err);
        }
    }

    @Test void sharedLayerAndNestedModel() {
        ModelBuilder inner = new ModelBuilder().name("encoder");
        TensorRef ix = inner.input("z", 3);
        inner.output("code", inner.apply(Dense.of("enc", 2, Activation.TANH), ix));
        Model encoder = inner.build(3, DType.FLOAT64);

        ModelBuilder b = new ModelBuilder();
        TensorRef a = b.input("a", 3);
        TensorRef c = b.input("c", 3);
        Dense shared = Dense.of("shared", 3, Activation.SIGMOID);
        TensorRef sa = b.apply(shared, a);
        TensorRef sc = b.apply(shared, c);
        TensorRef ea = b.apply(encoder, sa);
        TensorRef ec = b.apply(encoder, sc);
        b.output("y", b.apply(Dense.of("out", 1, Activation.LINEAR), b.apply(new Concatenate("cat", -1), ea, ec)));
        Model m = b.build(4, DType.FLOAT64);
        assertTrue(m.weights().of("enc").get("kernel") == encoder.weights().of("enc").get("kernel"), "nested model shares its weights");
        double err = check(m, new Loss.MeanSquaredError(), Map.of("a", random(8, 2, 3), "c", random(9, 2, 3)), random(10, 2, 1));
        assertTrue(err < TOL, "shared + nested: " + err);
    }

    @Test void everyLossAndTarget() {
        Model m = single(Dense.of("d", 3, Activation.SIGMOID), 4);
        Tensor x = random(1, 5, 4);
        Tensor probs = GradientCheck.param("t", 3, 0.05, 0.95, 5, 3).get();
        double[] oneHot = new double[15];
        for (int r = 0; r < 5; r++) oneHot[r * 3 + (r % 3)] = 1;
        Tensor cls = Tensor.of(oneHot, 5, 3);
        assertTrue(check(m, new Loss.MeanSquaredError(), Map.of("x", x), probs) < TOL);
        assertTrue(check(m, new Loss.MeanAbsoluteError(), Map.of("x", x), probs) < TOL);
        assertTrue(check(m, new Loss.BinaryCrossEntropy(false), Map.of("x", x), probs) < TOL);
        assertTrue(check(m, new Loss.BinaryCrossEntropy(true), Map.of("x", x), probs) < TOL);
        assertTrue(check(m, new Loss.CategoricalCrossEntropy(false), Map.of("x", x), cls) < TOL);
        assertTrue(check(m, new Loss.CategoricalCrossEntropy(true), Map.of("x", x), cls) < TOL);
        assertTrue(check(m, new Loss.SparseCategoricalCrossEntropy(true), Map.of("x", x), Tensor.of(new double[] {0, 1, 2, 0, 1}, 5, 1)) < TOL);
        assertTrue(check(m, new Loss.Huber(0.1), Map.of("x", x), probs) < TOL);
        assertTrue(check(m, new Loss.HalfSumSquares(), Map.of("x", x), probs) < TOL);
        assertTrue(check(m, new Loss.Custom("rmse", (t, p) -> t.minus(p).square().mean().sqrt()), Map.of("x", x), probs) < TOL);
    }
}
