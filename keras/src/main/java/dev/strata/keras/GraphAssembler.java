package dev.strata.keras;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strata.layers.Layer;
import dev.strata.layers.MultiOutput;
import dev.strata.layers.OutputPart;
import dev.strata.model.Model;
import dev.strata.model.ModelBuilder;
import dev.strata.model.TensorRef;
import dev.strata.ops.DType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a Strata model from a Keras model config — Sequential or Functional (several inputs and
 * outputs, shared layers, nested models) — in the Keras 2 and the Keras 3 config formats.
 */
final class GraphAssembler {
    private final LayerMapper mapper;
    private final String file;
    private final Map<String, int[]> shapeOverrides;

    GraphAssembler(boolean keras3, String file, Map<String, int[]> shapeOverrides) {
        this.mapper = new LayerMapper(keras3);
        this.file = file;
        this.shapeOverrides = shapeOverrides;
    }

    static boolean isModel(String className) {
        return className.equals("Sequential") || className.equals("Functional") || className.equals("Model");
    }

    Model build(JsonNode model) {
        String cls = model.path("class_name").asText();
        if (!isModel(cls)) throw new KerasImportException(file + ": the top-level object is a " + cls + ", expected Sequential, Functional or Model");
        JsonNode config = model.path("config");
        return cls.equals("Sequential") ? sequential(config) : functional(config);
    }

    /** The layer entries of a model config (Keras 2.0/2.1 Sequential configs are a bare list). */
    static JsonNode layers(JsonNode config) {
        return config.isArray() ? config : config.path("layers");
    }

    private static String modelName(JsonNode config, String orElse) {
        return config.isObject() && config.hasNonNull("name") ? config.get("name").asText() : orElse;
    }

    private Model sequential(JsonNode config) {
        ModelBuilder b = new ModelBuilder().name(modelName(config, "sequential"));
        JsonNode layers = layers(config);
        if (layers.isEmpty()) throw new KerasImportException(file + ": the Sequential model has no layers");
        KerasLayer first = KerasLayer.of(layers.get(0), file);
        TensorRef x;
        int start = 0;
        if (first.className().equals("InputLayer")) {
            x = input(b, first, first.name());
            start = 1;
        } else {
            JsonNode shape = first.config().has("batch_input_shape") ? first.config().get("batch_input_shape")
                    : config.path("build_input_shape");
            x = b.input(first.name() + "_input", shape(first.name() + "_input", shape, true, first.where()));
        }
        String last = first.name();
        for (int i = start; i < layers.size(); i++) {
            KerasLayer k = KerasLayer.of(layers.get(i), file);
            x = mapped(k).apply(b, new TensorRef[] {x});
            last = k.name();
        }
        b.output(last, x);
        return b.build(0, DType.FLOAT32);
    }

    private TensorRef input(ModelBuilder b, KerasLayer k, String name) {
        JsonNode shape = k.config().has("batch_shape") ? k.config().get("batch_shape") : k.config().get("batch_input_shape");
        return b.input(name, shape(name, shape, true, k.where()));
    }

    private int[] shape(String input, JsonNode batchShape, boolean withBatch, String where) {
        int[] override = shapeOverrides.get(input);
        if (override != null) return override.clone();
        if (batchShape == null || !batchShape.isArray() || batchShape.size() < (withBatch ? 2 : 1)) {
            throw new KerasImportException(where + ": no input shape in the config");
        }
        int[] s = new int[batchShape.size() - (withBatch ? 1 : 0)];
        for (int i = 0; i < s.length; i++) {
            JsonNode d = batchShape.get(i + (withBatch ? 1 : 0));
            if (d == null || d.isNull()) {
                throw new KerasImportException(where + ": input '" + input + "' has a variable-size axis " + batchShape
                        + "; Strata models have fixed shapes: pass one with KerasImport.load(path, Map.of(\"" + input + "\", new int[] {...}))");
            }
            s[i] = d.asInt();
        }
        return s;
    }

    private final Map<String, Mapped> byName = new HashMap<>();

    /** One mapping per Keras layer name, so a layer called twice shares its weights. */
    private Mapped mapped(KerasLayer k) {
        return byName.computeIfAbsent(k.name(), n -> {
            if (isModel(k.className())) {
                Model inner = new GraphAssembler(mapper.keras3(), file, Map.of()).build(wrap(k));
                return new Mapped((b, in) -> b.apply(inner, in), null);
            }
            return mapper.map(k);
        });
    }

    /** A nested model's layer entry as a model config of its own. */
    private static JsonNode wrap(KerasLayer k) {
        var node = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        node.put("class_name", k.className());
        node.set("config", k.config());
        return node;
    }

    private Model functional(JsonNode config) {
        ModelBuilder b = new ModelBuilder().name(modelName(config, "model"));
        Map<String, TensorRef> tensors = new HashMap<>();
        Map<String, List<OutputPart>> parts = new HashMap<>();
        List<JsonNode> pending = new ArrayList<>();
        for (JsonNode entry : layers(config)) {
            KerasLayer k = KerasLayer.of(entry, file);
            if (k.className().equals("InputLayer")) tensors.put(key(k.name(), 0, 0), input(b, k, k.name()));
            else pending.add(entry);
        }
        // Keras lists layers in creation order; apply each call once its inputs exist.
        Map<String, Integer> done = new LinkedHashMap<>();
        boolean progress = true;
        while (progress) {
            progress = false;
            for (JsonNode entry : pending) {
                KerasLayer k = KerasLayer.of(entry, file);
                JsonNode nodes = entry.path("inbound_nodes");
                for (int i = done.getOrDefault(k.name(), 0); i < nodes.size(); i++) {
                    List<String> refs = InboundNodes.refs(nodes.get(i), k.where());
                    if (!refs.stream().allMatch(tensors::containsKey)) break;
                    TensorRef[] in = refs.stream().map(tensors::get).toArray(TensorRef[]::new);
                    TensorRef out = mapped(k).apply(b, in);
                    tensors.put(key(k.name(), i, 0), out);
                    Layer l = mapped(k).layer();
                    if (l instanceof MultiOutput mo) {
                        List<OutputPart> ps = parts.computeIfAbsent(k.name(), n -> mo.outputParts(java.util.Arrays.stream(in).map(TensorRef::shape).toList()));
                        for (int j = 0; j < ps.size(); j++) tensors.put(key(k.name(), i, j), b.apply(ps.get(j), out));
                    }
                    done.put(k.name(), i + 1);
                    progress = true;
                }
            }
        }
        for (JsonNode entry : pending) {
            KerasLayer k = KerasLayer.of(entry, file);
            if (done.getOrDefault(k.name(), 0) < entry.path("inbound_nodes").size()) {
                throw new KerasImportException(k.where() + ": its inputs " + InboundNodes.refs(entry.path("inbound_nodes").get(done.getOrDefault(k.name(), 0)), k.where())
                        + " are never produced by the model");
            }
        }
        List<String> outputs = InboundNodes.triples(config.path("output_layers"));
        for (String ref : outputs) {
            TensorRef t = tensors.get(ref);
            if (t == null) throw new KerasImportException(file + ": output " + ref + " is not produced by any layer");
            String[] p = ref.split("#");
            String name = outputs.stream().filter(o -> o.startsWith(p[0] + "#")).count() > 1 ? p[0] + "_" + p[2] : p[0];
            b.output(name, t);
        }
        return b.build(0, DType.FLOAT32);
    }

    static String key(String layer, int node, int tensor) {
        return layer + "#" + node + "#" + tensor;
    }
}
