package dev.strata.graph;

import dev.strata.layers.Layer;
import dev.strata.layers.LayerException;
import dev.strata.layers.LayerWeights;
import dev.strata.ops.Expr;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * An immutable model graph: named inputs, layer nodes in topological order, and named outputs.
 * Any DAG is allowed: branches, several inputs and outputs, shared layers (one layer, several
 * nodes), nested models. Construction validates the graph and infers every shape.
 */
public final class Graph {
    private final List<GraphNode> nodes;
    private final Map<String, Integer> inputs;
    private final Map<String, Integer> outputs;
    private final Map<String, Layer> layers;

    /**
     * Validates and freezes a graph. Node ids must equal their positions; a node may only read
     * earlier nodes (anything else is a cycle or an unknown reference).
     */
    public Graph(List<GraphNode> nodes, Map<String, Integer> outputs) {
        this.nodes = List.copyOf(nodes);
        Map<String, Integer> in = new LinkedHashMap<>();
        Map<String, Layer> ls = new LinkedHashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            GraphNode n = nodes.get(i);
            if (n.id() != i) throw new GraphException("node " + n.name() + " has id " + n.id() + " at position " + i);
            for (int src : n.inputs()) {
                if (src >= i) {
                    throw new GraphException("layer '" + n.name() + "' reads node " + src
                            + (src < nodes.size() ? " ('" + nodes.get(src).name() + "')" : "")
                            + " that does not come before it: the graph has a cycle or an unknown reference");
                }
            }
            if (n.isInput()) {
                if (in.put(n.inputName(), i) != null) throw new GraphException("duplicate input name '" + n.inputName() + "'");
            } else {
                Layer prev = ls.putIfAbsent(n.layer().name(), n.layer());
                // One layer object is one set of weights: two objects under one name, even equal ones, clash.
                if (prev != null && prev != n.layer()) {
                    throw new GraphException("duplicate layer name '" + n.layer().name() + "': two different layers ("
                            + prev.typeName() + " and " + n.layer().typeName() + ") share it; names must be unique in a model");
                }
            }
        }
        for (String name : in.keySet()) {
            if (ls.containsKey(name)) throw new GraphException("duplicate name '" + name + "': used by an input and a layer");
        }
        if (outputs.isEmpty()) throw new GraphException("a model needs at least one output");
        for (Map.Entry<String, Integer> o : outputs.entrySet()) {
            if (o.getValue() < 0 || o.getValue() >= nodes.size()) throw new GraphException("output '" + o.getKey() + "' refers to an unknown node");
        }
        this.inputs = Collections.unmodifiableMap(in);
        this.outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
        this.layers = Collections.unmodifiableMap(ls);
        checkInputsUsed();
    }

    private void checkInputsUsed() {
        boolean[] live = new boolean[nodes.size()];
        for (int o : outputs.values()) live[o] = true;
        for (int i = nodes.size() - 1; i >= 0; i--) {
            if (live[i]) for (int src : nodes.get(i).inputs()) live[src] = true;
        }
        for (Map.Entry<String, Integer> e : inputs.entrySet()) {
            if (!live[e.getValue()]) {
                throw new GraphException("input '" + e.getKey() + "' does not reach any output (outputs: " + outputs.keySet() + ")");
            }
        }
    }

    /** Nodes in topological order. */
    public List<GraphNode> nodes() {
        return nodes;
    }

    /** Input names to node ids, in declaration order. */
    public Map<String, Integer> inputs() {
        return inputs;
    }

    /** Output names to node ids, in declaration order. */
    public Map<String, Integer> outputs() {
        return outputs;
    }

    /** Layers by name, in first-use order. */
    public Map<String, Layer> layers() {
        return layers;
    }

    /** The shape of an input, batch axis excluded. */
    public int[] inputShape(String name) {
        Integer id = inputs.get(name);
        if (id == null) throw new GraphException("unknown input '" + name + "'; inputs are " + inputs.keySet());
        return nodes.get(id).shape().clone();
    }

    /** The shape of an output, batch axis excluded. */
    public int[] outputShape(String name) {
        Integer id = outputs.get(name);
        if (id == null) throw new GraphException("unknown output '" + name + "'; outputs are " + outputs.keySet());
        return nodes.get(id).shape().clone();
    }

    /**
     * The graph from the same inputs to the (last) output of an inner layer: a sub-model that shares
     * its weights and returns that layer's activations.
     */
    public Graph upTo(String layerName) {
        int target = -1;
        for (GraphNode n : nodes) if (!n.isInput() && n.layer().name().equals(layerName)) target = n.id();
        if (target < 0) {
            throw new GraphException("unknown layer '" + layerName + "'; layers are " + layers.keySet());
        }
        boolean[] keep = new boolean[nodes.size()];
        keep[target] = true;
        for (int i = target; i >= 0; i--) if (keep[i]) for (int src : nodes.get(i).inputs()) keep[src] = true;
        for (int id : inputs.values()) keep[id] = keep[id] || false;
        Map<Integer, Integer> remap = new HashMap<>();
        List<GraphNode> kept = new ArrayList<>();
        for (GraphNode n : nodes) {
            if (!keep[n.id()]) continue;
            List<Integer> ins = n.inputs().stream().map(remap::get).toList();
            remap.put(n.id(), kept.size());
            kept.add(new GraphNode(kept.size(), n.inputName(), n.layer(), ins, n.shape()));
        }
        return new Graph(kept, Map.of(layerName, remap.get(target)));
    }

    /**
     * Builds expressions for every node, given expressions for the inputs and each layer's weights.
     * Returns one expression per node id.
     */
    public Expr[] toExprs(Map<String, Expr> inputExprs, Function<Layer, LayerWeights> weights) {
        Expr[] out = new Expr[nodes.size()];
        for (GraphNode n : nodes) {
            if (n.isInput()) {
                Expr e = inputExprs.get(n.inputName());
                if (e == null) throw new GraphException("no value for input '" + n.inputName() + "'");
                out[n.id()] = e;
            } else {
                List<Expr> ins = n.inputs().stream().map(i -> out[i]).toList();
                out[n.id()] = n.layer().call(ins, weights.apply(n.layer()));
            }
        }
        return out;
    }

    /** Shape inference for one application of a layer, wrapping low-level shape errors with the layer's name. */
    static int[] infer(Layer layer, List<int[]> inputShapes) {
        try {
            return layer.outputShape(inputShapes);
        } catch (LayerException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new LayerException(layer, e.getMessage() + " (inputs " + LayerException.show(inputShapes) + ")");
        }
    }

    @Override
    public String toString() {
        return "Graph" + inputs.keySet() + "->" + outputs.keySet() + " " + Arrays.toString(layers.keySet().toArray());
    }
}
