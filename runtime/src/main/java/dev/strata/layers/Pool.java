package dev.strata.layers;

import dev.strata.ops.Padding;
import java.util.Arrays;
import java.util.List;

/** Shape rules shared by the pooling layers. */
final class Pool {
    private Pool() {}

    /** The components {@link MaxPool2D} and {@link AvgPool2D} share, for one equals, hashCode and toString. */
    interface Window2D {
        String name();

        int[] poolSize();

        int[] strides();

        Padding padding();
    }

    /** {@code padding}, {@code valid} when null; causal padding is rejected. */
    static Padding padding(String what, Padding padding) {
        if (padding == null) return Padding.VALID;
        if (padding == Padding.CAUSAL) throw new IllegalArgumentException(what + "padding must be valid or same, got causal");
        return padding;
    }

    /** Checked 2-D strides, the pool size when null. */
    static int[] strides2d(String what, int[] strides, int[] poolSize) {
        return strides == null ? poolSize.clone() : Conv2D.pair(what + "strides", strides);
    }

    static boolean sameWindow(Window2D a, Window2D b) {
        return a.name().equals(b.name()) && Arrays.equals(a.poolSize(), b.poolSize()) && Arrays.equals(a.strides(), b.strides())
                && a.padding() == b.padding();
    }

    static int hashCode(Window2D w) {
        return w.name().hashCode() * 31 + Arrays.hashCode(w.poolSize()) * 7 + Arrays.hashCode(w.strides()) + w.padding().hashCode();
    }

    static String toString(String type, Window2D w) {
        return type + "[name=" + w.name() + ", poolSize=" + Arrays.toString(w.poolSize()) + ", strides=" + Arrays.toString(w.strides())
                + ", padding=" + w.padding().label() + "]";
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
