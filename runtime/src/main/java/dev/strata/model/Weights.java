package dev.strata.model;

import dev.strata.layers.Layer;
import dev.strata.layers.LayerWeights;
import dev.strata.layers.ModelLayer;
import dev.strata.ops.Parameter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The weights of a model, by layer name and then weight name. Sub-models and models nesting this
 * one hold the very same {@link Parameter} objects, which is what sharing means.
 */
public final class Weights {
    private final Map<String, Map<String, Parameter>> byLayer = new LinkedHashMap<>();

    /** An empty store; a model fills it from its layers' weight specs. */
    public Weights() {}

    void put(String layer, Map<String, Parameter> weights) {
        byLayer.put(layer, Collections.unmodifiableMap(new LinkedHashMap<>(weights)));
    }

    /** True when the layer's weights are known. */
    public boolean has(String layer) {
        return byLayer.containsKey(layer);
    }

    /** One layer's weights by short name ("kernel", "bias"); empty for layers without weights. */
    public Map<String, Parameter> of(String layer) {
        return byLayer.getOrDefault(layer, Map.of());
    }

    /** Layer names that own weights, in order. */
    public List<String> layers() {
        return new ArrayList<>(byLayer.keySet());
    }

    /** Every parameter, in layer order. */
    public List<Parameter> all() {
        List<Parameter> out = new ArrayList<>();
        byLayer.values().forEach(m -> out.addAll(m.values()));
        return out;
    }

    /** The weights handed to a layer's computation; a nested model gets all of its layers' weights, qualified. */
    LayerWeights forLayer(Layer layer) {
        ModelLayer m = ModelLayer.nestedIn(layer);
        if (m != null) {
            Map<String, Parameter> q = new LinkedHashMap<>();
            for (Layer inner : m.innerLayers()) of(inner.name()).forEach((k, v) -> q.put(inner.name() + "/" + k, v));
            return new LayerWeights(q);
        }
        return new LayerWeights(of(layer.name()));
    }
}
