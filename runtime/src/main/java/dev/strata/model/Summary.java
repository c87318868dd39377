package dev.strata.model;

import dev.strata.graph.GraphNode;
import dev.strata.layers.Layer;
import dev.strata.layers.LayerException;
import dev.strata.ops.Parameter;
import dev.strata.ops.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Text views of a model: Keras's summary table and per-layer details. */
final class Summary {
    private Summary() {}

    private static final String ROW = "%-30s %-24s %-10s %s%n";

    static String of(Model model) {
        StringBuilder sb = new StringBuilder();
        boolean functional = model.graph().inputs().size() > 1 || isBranched(model);
        String rule = "_".repeat(functional ? 90 : 66) + "\n";
        sb.append("Model: \"").append(model.name()).append("\"\n").append(rule);
        sb.append(String.format(ROW, " Layer (type)", "Output Shape", "Param #", functional ? "Connected to" : "").stripTrailing()).append('\n');
        sb.append("=".repeat(rule.length() - 1)).append('\n');
        Map<String, Boolean> seen = new LinkedHashMap<>();
        for (GraphNode n : model.graph().nodes()) {
            String label = n.isInput() ? n.inputName() + " (InputLayer)" : n.layer().name() + " (" + n.layer().typeName() + ")";
            long params = 0;
            if (!n.isInput() && seen.putIfAbsent(n.layer().name(), true) == null) params = paramsOf(model, n.layer());
            String connected = "";
            if (functional && !n.isInput()) {
                List<String> srcs = new ArrayList<>();
                for (int i : n.inputs()) srcs.add(model.graph().nodes().get(i).name());
                connected = String.join(", ", srcs);
            }
            sb.append(String.format(ROW, " " + label, LayerException.show(n.shape()), Long.toString(params), connected).stripTrailing()).append('\n');
        }
        sb.append("=".repeat(rule.length() - 1)).append('\n');
        long total = model.countParams(false), trainable = model.countParams(true);
        sb.append("Total params: ").append(String.format("%,d", total)).append('\n');
        sb.append("Trainable params: ").append(String.format("%,d", trainable)).append('\n');
        sb.append("Non-trainable params: ").append(String.format("%,d", total - trainable)).append('\n');
        sb.append(rule);
        return sb.toString();
    }

    static long paramsOf(Model model, Layer layer) {
        dev.strata.layers.ModelLayer m = dev.strata.layers.ModelLayer.nestedIn(layer);
        if (m != null) {
            return m.innerLayers().stream().mapToLong(l -> paramsOf(model, l)).sum();
        }
        return model.weights().of(layer.name()).values().stream().mapToLong(Parameter::size).sum();
    }

    private static boolean isBranched(Model model) {
        int[] consumers = new int[model.graph().nodes().size()];
        for (GraphNode n : model.graph().nodes()) for (int i : n.inputs()) consumers[i]++;
        for (int c : consumers) if (c > 1) return true;
        return model.graph().outputs().size() > 1;
    }

    static String details(Model model) {
        StringBuilder sb = new StringBuilder();
        Map<String, Boolean> seen = new LinkedHashMap<>();
        for (GraphNode n : model.graph().nodes()) {
            if (n.isInput() || seen.putIfAbsent(n.layer().name(), true) != null) continue;
            Layer l = n.layer();
            List<String> ins = new ArrayList<>();
            for (int i : n.inputs()) ins.add(LayerException.show(model.graph().nodes().get(i).shape()));
            sb.append("Layer ").append(l.name()).append('\n');
            sb.append("  type:        ").append(l.typeName()).append('\n');
            sb.append("  input dims:  ").append(String.join(", ", ins)).append('\n');
            sb.append("  output dims: ").append(LayerException.show(n.shape())).append('\n');
            sb.append("  params:      ").append(paramsOf(model, l)).append('\n');
            sb.append("  activation:  ").append(l.activationLabel()).append('\n');
            for (Map.Entry<String, Parameter> w : model.weights().of(l.name()).entrySet()) {
                Tensor t = w.getValue().get();
                sb.append("  ").append(w.getKey()).append(' ').append(Arrays.toString(t.shape())).append(": ")
                        .append(format(t)).append('\n');
            }
        }
        return sb.toString();
    }

    private static String format(Tensor t) {
        double[] v = t.toDoubleArray();
        int[] s = t.shape();
        if (s.length == 2) {
            StringBuilder sb = new StringBuilder("[");
            for (int r = 0; r < s[0]; r++) {
                sb.append(r > 0 ? ", " : "").append('[');
                for (int c = 0; c < s[1]; c++) sb.append(c > 0 ? ", " : "").append(String.format("%.6f", v[r * s[1] + c]));
                sb.append(']');
            }
            return sb.append(']').toString();
        }
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) sb.append(i > 0 ? ", " : "").append(String.format("%.6f", v[i]));
        return sb.append(']').toString();
    }
}
