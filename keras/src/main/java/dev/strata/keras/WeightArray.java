package dev.strata.keras;

import dev.strata.ops.Tensor;
import java.util.Arrays;

/** One weight array read from a Keras file: its name there, shape and values. */
record WeightArray(String name, int[] shape, double[] values) {
    Tensor tensor() {
        return Tensor.of(values, shape);
    }

    String describe() {
        return name + " " + Arrays.toString(shape);
    }
}
