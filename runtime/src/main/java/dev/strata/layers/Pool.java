package dev.strata.layers;

import dev.strata.ops.Padding;
import java.util.List;

/** Shape rules shared by the pooling layers. */
final class Pool {
    private Pool() {}

    static void checkPadding(String what, Padding padding) {
        if (padding == Padding.CAUSAL) throw new IllegalArgumentException(what + "padding must be valid or same, got causal");
    }

    /** Output shape of a pooling layer over the first {@code dims} axes of a channels-last input. */
    static int[] outputShape(Layer layer, List<int[]> inputs, int dims, int[] pool, int[] strides, Padding padding) {
        Layer.expectInputs(layer, inputs, 1, 1);
        int[] in = inputs.get(0);
        if (in.length != dims + 1) {
            throw new LayerException(layer, "expected input of shape "
                    + (dims == 2 ? "(None, height, width, channels)" : "(None, steps, channels)") + ", got " + LayerException.show(in));
        }
        int[] out = in.clone();
        for (int i = 0; i < dims; i++) {
            out[i] = padding.outputSize(in[i], pool[i], strides[i], 1);
            if (out[i] <= 0) {
                throw new LayerException(layer, "pool size " + (dims == 1 ? Integer.toString(pool[0]) : pool[0] + "×" + pool[1])
                        + " does not fit input " + LayerException.show(in) + " with padding 'valid'; use padding 'same' or a smaller pool");
            }
        }
        return out;
    }
}
