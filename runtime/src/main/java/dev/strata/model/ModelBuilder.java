package dev.strata.model;

import dev.strata.graph.Graph;
import dev.strata.graph.GraphException;
import dev.strata.graph.GraphNode;
import dev.strata.layers.Layer;
import dev.strata.layers.LayerException;
import dev.strata.layers.ModelLayer;
import dev.strata.layers.TimeDistributed;
import dev.strata.ops.DType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Declares a functional model: inputs, layers applied to tensors, named outputs. Every application
 * infers its shape at once, so a wrong graph fails here with the layer's name and the shapes.
 *
 * <pre>{@code
 * ModelBuilder b = new ModelBuilder();
 * TensorRef x = b.input("x", 3);
 * TensorRef h = b.apply(Dense.of("hidden", 10, Activation.RELU), x);
 * b.output("pe", b.apply(Dense.of("pe", 1, Activation.LINEAR), h));
 * Model model = b.build();
 * }</pre>
 */
public final class ModelBuilder {
    private final List<GraphNode> nodes = new ArrayList<>();
    private final Map<String, Integer> outputs = new LinkedHashMap<>();
    private final Map<Layer, List<int[]>> firstInputs = new IdentityHashMap<>();
    private final Weights adopted = new Weights();
    private String name = "model";

    /** Names the model (shown by summary, used when it is nested in another model). */
    public ModelBuilder name(String name) {
        this.name = name;
        return this;
    }

    /** Declares an input with its shape, batch axis excluded. */
    public TensorRef input(String name, int... shape) {
        for (int d : shape) {
            if (d <= 0) throw new GraphException("input '" + name + "': dimensions must be positive, got " + Arrays.toString(shape));
        }
        int id = nodes.size();
        nodes.add(new GraphNode(id, name, null, List.of(), shape.clone()));
        return new TensorRef(this, id, shape);
    }

    /** Applies a layer to one or more tensors; applying the same layer object again shares its weights. */
    public TensorRef apply(Layer layer, TensorRef... inputs) {
        List<int[]> shapes = new ArrayList<>();
        List<Integer> ids = new ArrayList<>();
        for (TensorRef t : inputs) {
            if (t.owner != this) throw new GraphException("layer '" + layer.name() + "' is applied to a tensor of another model ('" + t.producer() + "')");
            shapes.add(t.shape());
            ids.add(t.node);
        }
        for (GraphNode n : nodes) {
            // Identity, not equality: two equal configurations are still two sets of weights.
            if (!n.isInput() && n.layer().name().equals(layer.name()) && n.layer() != layer) {
                throw new GraphException("duplicate layer name '" + layer.name() + "': another " + n.layer().typeName()
                        + " already has it; names must be unique in a model");
            }
            if (n.isInput() && n.inputName().equals(layer.name())) {
                throw new GraphException("duplicate name '" + layer.name() + "': used by an input and a layer");
            }
        }
        if (adopted.has(layer.name()) && ModelLayer.nestedIn(layer) == null) {
            throw new GraphException("duplicate layer name '" + layer.name() + "': a nested model already has a layer of that name");
        }
        int[] out = inferShape(layer, shapes);
        List<int[]> first = firstInputs.putIfAbsent(layer, shapes);
        if (first != null && !sameShapes(first, shapes)) {
            throw new LayerException(layer, "a shared layer must see the same input shapes each time: first "
                    + LayerException.show(first) + ", now " + LayerException.show(shapes));
        }
        int id = nodes.size();
        nodes.add(new GraphNode(id, null, layer, ids, out));
        return new TensorRef(this, id, out);
    }

    /** Applies a built single-output model as a layer: it reuses (shares) that model's weights. */
    public TensorRef apply(Model model, TensorRef... inputs) {
        ModelLayer layer = model.asLayer();
        adopt(model);
        return apply(layer, inputs);
    }

    /**
     * Applies a built single-input, single-output model to every time step of a sequence (Keras's
     * {@code TimeDistributed(model)}): input (time, ...) of the model's input shape per step. It
     * reuses (shares) the model's weights.
     */
    public TensorRef applyTimeDistributed(String name, Model model, TensorRef input) {
        TimeDistributed layer = new TimeDistributed(name, model.asLayer());
        adopt(model);
        return apply(layer, input);
    }

    private void adopt(Model model) {
        for (String l : model.weights().layers()) {
            for (GraphNode n : nodes) {
                if (!n.isInput() && n.layer().name().equals(l) && ModelLayer.nestedIn(n.layer()) == null) {
                    throw new GraphException("duplicate layer name '" + l + "': nested model '" + model.name() + "' has a layer of that name too");
                }
            }
            if (adopted.has(l) && !adopted.of(l).equals(model.weights().of(l))) throw new GraphException("duplicate layer name '" + l + "' in nested model '" + model.name() + "'");
            adopted.put(l, model.weights().of(l));
        }
    }

    /** Names an output. */
    public ModelBuilder output(String name, TensorRef tensor) {
        if (tensor.owner != this) throw new GraphException("output '" + name + "' is a tensor of another model");
        if (outputs.putIfAbsent(name, tensor.node) != null) throw new GraphException("duplicate output name '" + name + "'");
        return this;
    }

    /** Builds a float32 model with seed 0. */
    public Model build() {
        return build(0L, DType.FLOAT32);
    }

    /** Builds the model; the seed fixes the initial weights (and dropout masks in training). */
    public Model build(long seed, DType dtype) {
        return new Model(name, new Graph(nodes, outputs), adopted, seed, dtype);
    }

    String nodeName(int id) {
        return nodes.get(id).name();
    }

    private static int[] inferShape(Layer layer, List<int[]> shapes) {
        try {
            return layer.outputShape(shapes);
        } catch (LayerException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new LayerException(layer, e.getMessage() + " (inputs " + LayerException.show(shapes) + ")");
        }
    }

    private static boolean sameShapes(List<int[]> a, List<int[]> b) {
        if (a.size() != b.size()) return false;
        for (int i = 0; i < a.size(); i++) if (!Arrays.equals(a.get(i), b.get(i))) return false;
        return true;
    }
}
