package dev.strata.layers;

import java.util.List;

/** A layer cannot be applied to the given input: the message names the layer, its type and the shapes. */
public final class LayerException extends IllegalArgumentException {
    /** The failing layer's name. */
    public final String layerName;

    public LayerException(Layer layer, String problem) {
        super("layer '" + layer.name() + "' (" + layer.typeName() + "): " + problem);
        this.layerName = layer.name();
    }

    /** A shape for messages in Keras's notation, batch axis included as None. */
    public static String show(int[] shape) {
        StringBuilder sb = new StringBuilder("(None");
        for (int d : shape) sb.append(", ").append(d);
        return sb.append(")").toString();
    }

    /** Several shapes for messages. */
    public static String show(List<int[]> shapes) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < shapes.size(); i++) sb.append(i > 0 ? ", " : "").append(show(shapes.get(i)));
        return sb.append("]").toString();
    }
}
