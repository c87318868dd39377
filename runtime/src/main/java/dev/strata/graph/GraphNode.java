package dev.strata.graph;

import dev.strata.layers.Layer;
import java.util.List;

/**
 * One node of a model graph: an input, or a layer applied to earlier nodes.
 *
 * @param id        position in the graph's topological order
 * @param inputName the input's name for an input node, otherwise null
 * @param layer     the applied layer, null for an input node
 * @param inputs    ids of the nodes feeding the layer
 * @param shape     the output shape, batch axis excluded
 */
public record GraphNode(int id, String inputName, Layer layer, List<Integer> inputs, int[] shape) {
    /** True for an input node. */
    public boolean isInput() {
        return layer == null;
    }

    /** The node's display name: the input's name or the layer's. */
    public String name() {
        return isInput() ? inputName : layer.name();
    }
}
