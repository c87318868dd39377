package dev.strata.keras;

import dev.strata.layers.Layer;
import dev.strata.model.ModelBuilder;
import dev.strata.model.TensorRef;

/**
 * A Keras layer turned into Strata: how to apply it (one layer, or a few — a channels-first
 * convolution is transposed around a channels-last one) and whether it owns weights, stored under
 * the Keras layer's name. Applying the same {@code Mapped} again shares the weights.
 *
 * @param layer the single Strata layer this is, or null when it is several
 */
record Mapped(Applier applier, Layer layer) {
    /** Applies the mapped layer(s) to the inputs. */
    interface Applier {
        TensorRef apply(ModelBuilder b, TensorRef[] inputs);
    }

    static Mapped of(Layer layer) {
        return new Mapped((b, in) -> b.apply(layer, in), layer);
    }

    TensorRef apply(ModelBuilder b, TensorRef[] inputs) {
        return applier.apply(b, inputs);
    }
}
