package dev.strata.keras;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the tensors a Functional layer call takes, in both formats: Keras 2's
 * {@code [[name, node, tensor, kwargs], …]} and Keras 3's {@code {"args": [...], "kwargs": {...}}}
 * with {@code __keras_tensor__} entries carrying {@code keras_history}.
 */
final class InboundNodes {
    private InboundNodes() {}

    /** The keys ({@link GraphAssembler#key}) of one call's input tensors, in order. */
    static List<String> refs(JsonNode node, String where) {
        List<String> out = new ArrayList<>();
        if (node.isObject()) {
            collect(node.path("args"), out);
            collect(node.path("kwargs"), out);
        } else if (node.isArray()) {
            for (JsonNode t : node) {
                if (t.isArray() && t.size() >= 3 && t.get(0).isTextual()) {
                    out.add(GraphAssembler.key(t.get(0).asText(), t.get(1).asInt(), t.get(2).asInt()));
                    if (t.size() > 3) collect(t.get(3), out);
                } else {
                    collect(t, out);
                }
            }
        }
        if (out.isEmpty()) throw new KerasImportException(where + ": cannot read its inbound node " + node);
        return out;
    }

    private static void collect(JsonNode n, List<String> out) {
        if (n == null) return;
        if (n.isObject()) {
            JsonNode history = n.path("config").path("keras_history");
            if ("__keras_tensor__".equals(n.path("class_name").asText()) && history.isArray()) {
                out.add(GraphAssembler.key(history.get(0).asText(), history.get(1).asInt(), history.get(2).asInt()));
                return;
            }
            n.fields().forEachRemaining(e -> collect(e.getValue(), out));
        } else if (n.isArray()) {
            for (JsonNode c : n) collect(c, out);
        }
    }

    /** {@code input_layers} / {@code output_layers}: a list of [name, node, tensor] (or a single one). */
    static List<String> triples(JsonNode list) {
        List<String> out = new ArrayList<>();
        if (list.isArray() && list.size() >= 3 && list.get(0).isTextual()) {
            out.add(GraphAssembler.key(list.get(0).asText(), list.get(1).asInt(), list.get(2).asInt()));
            return out;
        }
        for (JsonNode t : list) out.add(GraphAssembler.key(t.get(0).asText(), t.get(1).asInt(), t.get(2).asInt()));
        return out;
    }
}
