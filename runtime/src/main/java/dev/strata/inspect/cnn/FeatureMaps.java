package dev.strata.inspect.cnn;

import dev.strata.inspect.Activations;
import dev.strata.ops.Tensor;
import java.util.Arrays;

/** The activations of a layer with (height, width, channels) output for one image, one map per channel. */
public final class FeatureMaps {
    private FeatureMaps() {}

    /** Layer {@code layer}'s feature maps for {@code image}. */
    public static MapStack of(ImageClassifier net, String layer, Tensor image) {
        Tensor a = Activations.of(net.model(), layer, net.batchOf(image));
        int[] s = a.shape();
        if (s.length != 4) {
            throw new IllegalArgumentException("feature maps: layer '" + layer + "' outputs " + Arrays.toString(Arrays.copyOfRange(s, 1, s.length))
                    + " per image, not (height, width, channels) maps");
        }
        return new MapStack(s[1], s[2], s[3], a.toDoubleArray());
    }
}
