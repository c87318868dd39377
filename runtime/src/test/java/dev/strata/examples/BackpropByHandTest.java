package dev.strata.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.strata.activations.Activation;
import dev.strata.init.Initializer;
import dev.strata.layers.Dense;
import dev.strata.losses.Loss;
import dev.strata.model.Model;
import dev.strata.model.Sequential;
import dev.strata.ops.DType;
import dev.strata.ops.Tensor;
import dev.strata.optimizers.Optimizer;
import dev.strata.training.CompileOptions;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SPEC E12: the classic two-layer backpropagation example, to float precision. */
class BackpropByHandTest {
    static Model network(DType dtype) {
        Dense hidden = new Dense("hidden", 2, Activation.SIGMOID, true,
                new Initializer.Values(new double[] {0.15, 0.25, 0.20, 0.30}), new Initializer.Constant(0.35), null, null, true);
        Dense output = new Dense("output", 2, Activation.SIGMOID, true,
                new Initializer.Values(new double[] {0.40, 0.50, 0.45, 0.55}), new Initializer.Constant(0.60), null, null, true);
        Model m = new Sequential(2).add(hidden).add(output).build(0, dtype);
        // The biases are shared by both units of a layer in the example and never updated.
        m.weights().of("hidden").get("bias").setTrainable(false);
        m.weights().of("output").get("bias").setTrainable(false);
        m.compile(CompileOptions.builder().optimizer(new Optimizer.SGD(0.5)).loss(new Loss.HalfSumSquares()).build());
        return m;
    }

    private static void check(DType dtype, double tol) {
        Model m = network(dtype);
        Tensor x = Tensor.of(new float[] {0.05f, 0.10f}, 1, 2);
        Tensor y = Tensor.of(new float[] {0.01f, 0.99f}, 1, 2);
        if (dtype == DType.FLOAT64) {
            x = Tensor.of(new double[] {0.05, 0.10}, 1, 2);
            y = Tensor.of(new double[] {0.01, 0.99}, 1, 2);
        }
        Map<String, Double> first = m.trainOnBatch(x, y);
        assertEquals(0.2983711088, first.get("loss"), tol);
        assertEquals(0.2910277737, m.evaluate(x, y).get("loss"), tol);
        for (int i = 1; i < 10_000; i++) m.trainOnBatch(x, y);
        assertEquals(3.5102e-05, m.evaluate(x, y).get("loss"), Math.max(tol, 5e-10));
        double[] out = m.predict(x).toDoubleArray();
        assertEquals(0.0159136, out[0], Math.max(tol, 5e-8));
        assertEquals(0.9840643, out[1], Math.max(tol, 5e-8));
    }

    @Test void float64MatchesExactArithmetic() {
        check(DType.FLOAT64, 1e-9);
    }

    @Test void float32MatchesToFloatPrecision() {
        check(DType.FLOAT32, 1e-6);
    }
}
