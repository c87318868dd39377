package dev.strata.inspect.cnn;

import dev.strata.layers.Conv2D;
import dev.strata.layers.Layer;
import dev.strata.model.Model;
import dev.strata.ops.Tensor;

/** The kernels of a Conv2D layer as images, per filter and input channel. */
public final class Filters {
    private Filters() {}

    /**
     * The kernels of Conv2D layer {@code layer} for input channel {@code channel}: map {@code f} is
     * filter {@code f}'s {@code kh × kw} weights.
     */
    public static MapStack of(Model model, String layer, int channel) {
        Layer l = model.layerConfig(layer);
        if (!(l instanceof Conv2D)) {
            throw new IllegalArgumentException("filters: layer '" + layer + "' is a " + l.typeName() + ", not a Conv2D layer");
        }
        Tensor kernel = model.getWeights(layer).get(0);
        int[] s = kernel.shape(); // [kh, kw, channels, filters]
        if (channel < 0 || channel >= s[2]) {
            throw new IllegalArgumentException("filters: layer '" + layer + "' has " + s[2] + " input channels, channel " + channel + " is out of range");
        }
        double[] k = kernel.toDoubleArray();
        double[] v = new double[s[0] * s[1] * s[3]];
        for (int p = 0; p < s[0] * s[1]; p++) {
            for (int f = 0; f < s[3]; f++) v[p * s[3] + f] = k[(p * s[2] + channel) * s[3] + f];
        }
        return new MapStack(s[0], s[1], s[3], v);
    }

    /** The number of input channels of Conv2D layer {@code layer}. */
    public static int channels(Model model, String layer) {
        of(model, layer, 0);
        return model.getWeights(layer).get(0).shape()[2];
    }
}
