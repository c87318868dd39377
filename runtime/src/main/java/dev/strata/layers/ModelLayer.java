package dev.strata.layers;

import dev.strata.graph.Graph;
import dev.strata.ops.Expr;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A built model used as a layer inside another model. It adds no weights of its own: it reads the
 * inner model's weights (qualified as {@code innerLayer/weight}), so both models share them.
 */
public record ModelLayer(String name, Graph graph) implements Layer {
    public ModelLayer {
        if (graph.outputs().size() != 1) {
            throw new IllegalArgumentException("model '" + name + "' has " + graph.outputs().size()
                    + " outputs; a model used as a layer needs exactly one");
        }
    }

    @Override
    public String typeName() {
        return "Functional";
    }

    @Override
    public int[] outputShape(List<int[]> inputs) {
        Layer.expectInputs(this, inputs, graph.inputs().size(), graph.inputs().size());
        int i = 0;
        for (String in : graph.inputs().keySet()) {
            int[] want = graph.inputShape(in), got = inputs.get(i++);
            if (!java.util.Arrays.equals(want, got)) {
                throw new LayerException(this, "input '" + in + "' expects shape " + LayerException.show(want) + ", got " + LayerException.show(got));
            }
        }
        return graph.outputShape(graph.outputs().keySet().iterator().next());
    }

    @Override
    public Expr call(List<Expr> inputs, LayerWeights weights) {
        Map<String, Expr> byName = new LinkedHashMap<>();
        int i = 0;
        for (String in : graph.inputs().keySet()) byName.put(in, inputs.get(i++));
        Expr[] all = graph.toExprs(byName, layer -> nestedIn(layer) != null ? weights : only(weights, layer.name()));
        return all[graph.outputs().values().iterator().next()];
    }

    /** Every layer inside, nested models included, in order. */
    public List<Layer> innerLayers() {
        List<Layer> out = new ArrayList<>();
        for (Layer l : graph.layers().values()) {
            ModelLayer m = nestedIn(l);
            if (m != null) out.addAll(m.innerLayers());
            else out.add(l);
        }
        return out;
    }

    /**
     * The model inside a layer: the layer itself when it is a model, the wrapped model of a
     * {@link TimeDistributed}; null otherwise. Such layers read the nested model's weights.
     */
    public static ModelLayer nestedIn(Layer layer) {
        if (layer instanceof ModelLayer m) return m;
        if (layer instanceof TimeDistributed t) return nestedIn(t.layer());
        return null;
    }

    private static LayerWeights only(LayerWeights all, String layer) {
        Map<String, dev.strata.ops.Parameter> mine = new HashMap<>();
        String prefix = layer + "/";
        all.byName().forEach((k, v) -> {
            if (k.startsWith(prefix)) mine.put(k.substring(prefix.length()), v);
        });
        return new LayerWeights(mine);
    }
}
