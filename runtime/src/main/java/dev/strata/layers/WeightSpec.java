package dev.strata.layers;

import dev.strata.init.Initializer;
import dev.strata.init.Regularizer;

/**
 * One weight a layer needs: its short name ("kernel", "bias"), shape, first values and penalty.
 *
 * @param regularizer null for none
 * @param trainable   false for state that optimizers never update (batch normalization's moving
 *                    statistics): it stays non-trainable even when the layer is unfrozen
 */
public record WeightSpec(String name, int[] shape, Initializer initializer, Regularizer regularizer, boolean trainable) {
    /** A trainable weight. */
    public WeightSpec(String name, int[] shape, Initializer initializer, Regularizer regularizer) {
        this(name, shape, initializer, regularizer, true);
    }
}
