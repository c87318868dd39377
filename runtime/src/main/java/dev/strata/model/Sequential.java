package dev.strata.model;

import dev.strata.layers.Layer;
import dev.strata.ops.DType;
import java.util.ArrayList;
import java.util.List;

/**
 * A linear stack of layers, Keras's {@code Sequential}: the first layer takes the input shape and
 * later shapes are inferred. The input is named "input" and the output after the last layer.
 */
public final class Sequential {
    private final int[] inputShape;
    private final List<Layer> layers = new ArrayList<>();
    private String name = "sequential";

    /** A stack taking inputs of the given shape (batch axis excluded). */
    public Sequential(int... inputShape) {
        this.inputShape = inputShape.clone();
    }

    /** Names the model. */
    public Sequential name(String name) {
        this.name = name;
        return this;
    }

    /** Appends a layer. */
    public Sequential add(Layer layer) {
        layers.add(layer);
        return this;
    }

    /** Builds a float32 model with seed 0. */
    public Model build() {
        return build(0L, DType.FLOAT32);
    }

    /** Builds the model with a seed and precision. */
    public Model build(long seed, DType dtype) {
        if (layers.isEmpty()) throw new IllegalStateException("a Sequential model needs at least one layer");
        ModelBuilder b = new ModelBuilder().name(name);
        TensorRef t = b.input("input", inputShape);
        for (Layer l : layers) t = b.apply(l, t);
        b.output(layers.get(layers.size() - 1).name(), t);
        return b.build(seed, dtype);
    }
}
