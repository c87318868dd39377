package dev.strata.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of a {@link Preprocessing}, written field by field so the format stays stable and
 * readable in a model file:
 * <pre>{"format":1,"steps":[{"type":"standardize","columns":["AT"],"mean":[19.6],"scale":[7.4]}],
 *  "inputs":{"input":["AT"]}}</pre>
 * Doubles are written with all their digits, so a loaded model scales exactly as the saved one.
 * Internal.
 */
final class PreprocessingJson {
    private static final int FORMAT = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PreprocessingJson() {
    }

    static String write(Preprocessing p) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        ArrayNode steps = root.putArray("steps");
        for (PreprocessingStep step : p.steps()) {
            ObjectNode s = steps.addObject();
            if (step instanceof PreprocessingStep.FillMissing f) {
                s.put("type", "fillMissing").put("column", f.column()).put("value", f.value());
            } else if (step instanceof PreprocessingStep.DropMissing d) {
                s.put("type", "dropMissing");
                strings(s.putArray("columns"), d.columns());
            } else if (step instanceof PreprocessingStep.Standardize st) {
                s.put("type", "standardize");
                strings(s.putArray("columns"), st.columns());
                numbers(s.putArray("mean"), st.scaler().state().mean());
                numbers(s.putArray("scale"), st.scaler().state().scale());
            } else if (step instanceof PreprocessingStep.MinMax m) {
                MinMaxScaler.State state = m.scaler().state();
                s.put("type", "minMax");
                strings(s.putArray("columns"), m.columns());
                numbers(s.putArray("dataMin"), state.dataMin());
                numbers(s.putArray("dataMax"), state.dataMax());
                s.put("rangeMin", state.rangeMin()).put("rangeMax", state.rangeMax());
            } else if (step instanceof PreprocessingStep.ToCategorical c) {
                s.put("type", "toCategorical").put("column", c.column()).put("classes", c.classes());
            } else if (step instanceof PreprocessingStep.OneHotText o) {
                s.put("type", "oneHot").put("column", o.column());
                strings(s.putArray("categories"), o.categories());
            } else {
                throw new IllegalStateException("no JSON form for " + step);
            }
        }
        ObjectNode inputs = root.putObject("inputs");
        p.inputs().forEach((name, columns) -> strings(inputs.putArray(name), columns));
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write preprocessing as JSON", e);
        }
    }

    static Preprocessing read(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("saved preprocessing is not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject() || root.path("format").asInt(-1) != FORMAT) {
            throw new IllegalArgumentException("saved preprocessing has format " + (root == null ? null : root.get("format"))
                    + "; this version reads format " + FORMAT);
        }
        List<PreprocessingStep> steps = new ArrayList<>();
        for (JsonNode s : root.path("steps")) {
            String type = s.path("type").asText();
            steps.add(switch (type) {
                case "fillMissing" -> new PreprocessingStep.FillMissing(text(s, "column"), number(s, "value"));
                case "dropMissing" -> new PreprocessingStep.DropMissing(strings(s, "columns"));
                case "standardize" -> new PreprocessingStep.Standardize(strings(s, "columns"), StandardScaler.fromState(
                        new StandardScaler.State(numbers(s, "mean"), numbers(s, "scale"))));
                case "minMax" -> new PreprocessingStep.MinMax(strings(s, "columns"), MinMaxScaler.fromState(
                        new MinMaxScaler.State(numbers(s, "dataMin"), numbers(s, "dataMax"), number(s, "rangeMin"),
                                number(s, "rangeMax"))));
                case "toCategorical" -> new PreprocessingStep.ToCategorical(text(s, "column"), s.path("classes").asInt());
                case "oneHot" -> new PreprocessingStep.OneHotText(text(s, "column"), strings(s, "categories"));
                default -> throw new IllegalArgumentException("saved preprocessing has an unknown step type '" + type + "'");
            });
        }
        Map<String, List<String>> inputs = new LinkedHashMap<>();
        root.path("inputs").fields().forEachRemaining(e -> inputs.put(e.getKey(), strings(e.getValue())));
        return new Preprocessing(steps, inputs);
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    private static void numbers(ArrayNode array, double[] values) {
        for (double v : values) {
            array.add(v);
        }
    }

    private static String text(JsonNode step, String field) {
        JsonNode n = require(step, field);
        return n.asText();
    }

    private static double number(JsonNode step, String field) {
        JsonNode n = require(step, field);
        if (!n.isNumber()) {
            throw new IllegalArgumentException("saved preprocessing: '" + field + "' of " + step + " is not a number");
        }
        return n.asDouble();
    }

    private static List<String> strings(JsonNode step, String field) {
        return strings(require(step, field));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static double[] numbers(JsonNode step, String field) {
        JsonNode array = require(step, field);
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    private static JsonNode require(JsonNode step, String field) {
        JsonNode n = step.get(field);
        if (n == null || n.isNull()) {
            throw new IllegalArgumentException("saved preprocessing: step " + step + " has no '" + field + "'");
        }
        return n;
    }
}
