package dev.strata.model;

import java.util.Arrays;

/**
 * A symbolic tensor while a functional model is declared: the output of an input or of a layer
 * application. It belongs to one {@link ModelBuilder}.
 */
public final class TensorRef {
    final ModelBuilder owner;
    final int node;
    private final int[] shape;

    TensorRef(ModelBuilder owner, int node, int[] shape) {
        this.owner = owner;
        this.node = node;
        this.shape = shape.clone();
    }

    /** The shape, batch axis excluded. */
    public int[] shape() {
        return shape.clone();
    }

    /** The name of the input or layer that produced it. */
    public String producer() {
        return owner.nodeName(node);
    }

    @Override
    public String toString() {
        return producer() + Arrays.toString(shape);
    }
}
