package dev.strata.layers;

import java.util.Arrays;
import java.util.List;

/** The shape rule shared by the element-wise merge layers: all inputs of one shape. */
final class Merge {
    private Merge() {}

    static int[] sameShape(Layer layer, List<int[]> inputs) {
        Layer.expectInputs(layer, inputs, 2, Integer.MAX_VALUE);
        for (int[] s : inputs) {
            if (!Arrays.equals(s, inputs.get(0))) {
                throw new LayerException(layer, "inputs must have the same shape, got " + LayerException.show(inputs));
            }
        }
        return inputs.get(0).clone();
    }
}
