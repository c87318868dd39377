package dev.strata.io;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strata.graph.Graph;
import dev.strata.graph.GraphNode;
import dev.strata.init.Initializer;
import dev.strata.layers.ActivationLayer;
import dev.strata.layers.Add;
import dev.strata.layers.Average;
import dev.strata.layers.Concatenate;
import dev.strata.layers.Dense;
import dev.strata.layers.Dropout;
import dev.strata.layers.Flatten;
import dev.strata.layers.Layer;
import dev.strata.layers.ModelLayer;
import dev.strata.layers.Multiply;
import dev.strata.layers.Reshape;
import dev.strata.optimizers.Optimizer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON for architectures: layer and optimizer configurations are records, written with a
 * {@code type} tag. Only the types listed here can be read back, so a file never names a class
 * to instantiate.
 */
final class JsonCodec {
    private JsonCodec() {}

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = Dense.class, name = "Dense"),
        @JsonSubTypes.Type(value = ActivationLayer.class, name = "Activation"),
        @JsonSubTypes.Type(value = Dropout.class, name = "Dropout"),
        @JsonSubTypes.Type(value = Flatten.class, name = "Flatten"),
        @JsonSubTypes.Type(value = Reshape.class, name = "Reshape"),
        @JsonSubTypes.Type(value = Concatenate.class, name = "Concatenate"),
        @JsonSubTypes.Type(value = Add.class, name = "Add"),
        @JsonSubTypes.Type(value = Multiply.class, name = "Multiply"),
        @JsonSubTypes.Type(value = Average.class, name = "Average"),
        @JsonSubTypes.Type(value = ModelLayer.class, name = "Model"),
        @JsonSubTypes.Type(value = dev.strata.layers.Conv1D.class, name = "Conv1D"),
        @JsonSubTypes.Type(value = dev.strata.layers.Conv2D.class, name = "Conv2D"),
        @JsonSubTypes.Type(value = dev.strata.layers.MaxPool1D.class, name = "MaxPooling1D"),
        @JsonSubTypes.Type(value = dev.strata.layers.MaxPool2D.class, name = "MaxPooling2D"),
        @JsonSubTypes.Type(value = dev.strata.layers.AvgPool1D.class, name = "AveragePooling1D"),
        @JsonSubTypes.Type(value = dev.strata.layers.AvgPool2D.class, name = "AveragePooling2D"),
        @JsonSubTypes.Type(value = dev.strata.layers.GlobalAveragePooling1D.class, name = "GlobalAveragePooling1D"),
        @JsonSubTypes.Type(value = dev.strata.layers.GlobalAveragePooling2D.class, name = "GlobalAveragePooling2D"),
        @JsonSubTypes.Type(value = dev.strata.layers.BatchNormalization.class, name = "BatchNormalization"),
        @JsonSubTypes.Type(value = dev.strata.layers.Embedding.class, name = "Embedding"),
        @JsonSubTypes.Type(value = dev.strata.layers.SimpleRNN.class, name = "SimpleRNN"),
        @JsonSubTypes.Type(value = dev.strata.layers.LSTM.class, name = "LSTM"),
        @JsonSubTypes.Type(value = dev.strata.layers.GRU.class, name = "GRU"),
        @JsonSubTypes.Type(value = dev.strata.layers.TimeDistributed.class, name = "TimeDistributed"),
        @JsonSubTypes.Type(value = dev.strata.layers.Bidirectional.class, name = "Bidirectional"),
        @JsonSubTypes.Type(value = dev.strata.layers.OutputPart.class, name = "OutputPart"),
        @JsonSubTypes.Type(value = dev.strata.layers.ReLU.class, name = "ReLU"),
        @JsonSubTypes.Type(value = dev.strata.layers.ThresholdedReLU.class, name = "ThresholdedReLU"),
        @JsonSubTypes.Type(value = dev.strata.layers.PReLU.class, name = "PReLU"),
        @JsonSubTypes.Type(value = dev.strata.layers.Permute.class, name = "Permute"),
    })
    abstract static class LayerTypes {}

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = Initializer.GlorotUniform.class, name = "GlorotUniform"),
        @JsonSubTypes.Type(value = Initializer.GlorotNormal.class, name = "GlorotNormal"),
        @JsonSubTypes.Type(value = Initializer.HeUniform.class, name = "HeUniform"),
        @JsonSubTypes.Type(value = Initializer.HeNormal.class, name = "HeNormal"),
        @JsonSubTypes.Type(value = Initializer.Orthogonal.class, name = "Orthogonal"),
        @JsonSubTypes.Type(value = Initializer.RandomUniform.class, name = "RandomUniform"),
        @JsonSubTypes.Type(value = Initializer.Constant.class, name = "Constant"),
        @JsonSubTypes.Type(value = Initializer.Values.class, name = "Values"),
    })
    abstract static class InitializerTypes {}

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = Optimizer.SGD.class, name = "SGD"),
        @JsonSubTypes.Type(value = Optimizer.Adam.class, name = "Adam"),
        @JsonSubTypes.Type(value = Optimizer.RMSprop.class, name = "RMSprop"),
        @JsonSubTypes.Type(value = Optimizer.Adagrad.class, name = "Adagrad"),
    })
    abstract static class OptimizerTypes {}

    static final ObjectMapper MAPPER = create();

    private static ObjectMapper create() {
        ObjectMapper m = new ObjectMapper();
        m.addMixIn(Layer.class, LayerTypes.class);
        m.addMixIn(Initializer.class, InitializerTypes.class);
        m.addMixIn(Optimizer.class, OptimizerTypes.class);
        m.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        SimpleModule graphs = new SimpleModule();
        graphs.addSerializer(Graph.class, new JsonSerializer<>() {
            @Override
            public void serialize(Graph g, JsonGenerator gen, SerializerProvider p) throws IOException {
                gen.writeTree(writeGraph(g));
            }
        });
        graphs.addDeserializer(Graph.class, new JsonDeserializer<>() {
            @Override
            public Graph deserialize(JsonParser parser, DeserializationContext ctx) throws IOException {
                return readGraph(parser.readValueAsTree());
            }
        });
        m.registerModule(graphs);
        return m;
    }

    static ObjectNode writeGraph(Graph g) {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode layers = root.putObject("layers");
        g.layers().forEach((name, layer) -> layers.set(name, MAPPER.valueToTree(layer)));
        ArrayNode nodes = root.putArray("nodes");
        for (GraphNode n : g.nodes()) {
            ObjectNode o = nodes.addObject();
            if (n.isInput()) {
                o.put("input", n.inputName());
                ArrayNode s = o.putArray("shape");
                for (int d : n.shape()) s.add(d);
            } else {
                o.put("layer", n.layer().name());
                ArrayNode in = o.putArray("inputs");
                n.inputs().forEach(in::add);
            }
        }
        ObjectNode outs = root.putObject("outputs");
        g.outputs().forEach(outs::put);
        return root;
    }

    static Graph readGraph(JsonNode root) throws IOException {
        Map<String, Layer> layers = new LinkedHashMap<>();
        var fields = root.required("layers").fields();
        while (fields.hasNext()) {
            var f = fields.next();
            layers.put(f.getKey(), MAPPER.treeToValue(f.getValue(), Layer.class));
        }
        List<GraphNode> nodes = new ArrayList<>();
        for (JsonNode o : root.required("nodes")) {
            int id = nodes.size();
            if (o.has("input")) {
                int[] shape = MAPPER.treeToValue(o.required("shape"), int[].class);
                nodes.add(new GraphNode(id, o.get("input").asText(), null, List.of(), shape));
            } else {
                String name = o.required("layer").asText();
                Layer layer = layers.get(name);
                if (layer == null) throw new IOException("node " + id + " names unknown layer '" + name + "'");
                List<Integer> ins = new ArrayList<>();
                List<int[]> shapes = new ArrayList<>();
                for (JsonNode i : o.required("inputs")) {
                    int src = i.asInt();
                    if (src < 0 || src >= id) throw new IOException("layer '" + name + "' reads node " + src + " that does not come before it");
                    ins.add(src);
                    shapes.add(nodes.get(src).shape());
                }
                nodes.add(new GraphNode(id, null, layer, ins, layer.outputShape(shapes)));
            }
        }
        Map<String, Integer> outputs = new LinkedHashMap<>();
        var outs = root.required("outputs").fields();
        while (outs.hasNext()) {
            var f = outs.next();
            outputs.put(f.getKey(), f.getValue().asInt());
        }
        return new Graph(nodes, outputs);
    }
}
