package dev.strata.keras;

import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keras 3 {@code model.weights.h5} (and tf.keras 2.13's {@code _layer_checkpoint_dependencies}):
 * {@code layers/<snake_case class name>[_n]/vars/0…}, numbered per class in the order of the
 * model's layers, not by the config's layer names (Keras ≥ 3.12 adds an {@code @name} attribute;
 * a group named after the layer wins too). Sub-layers (an LSTM's cell, a Bidirectional's two
 * directions) are groups below, forward before backward.
 */
final class V3Weights implements KerasWeights {
    private final Group layers;
    private final String file;
    private final Map<Group, Map<String, Integer>> counters = new HashMap<>();
    private final Map<String, Group> assigned = new HashMap<>();

    V3Weights(Group root, String file) {
        Node l = root.getChildren().get("layers");
        if (l == null) l = root.getChildren().get("_layer_checkpoint_dependencies");
        this.layers = l instanceof Group g ? g : null;
        this.file = file;
    }

    @Override
    public List<WeightArray> layer(List<String> path, String className) {
        if (layers == null) return List.of();
        Group parent = layers;
        for (int i = 0; i < path.size() - 1; i++) {
            Group g = assigned.get(String.join("/", path.subList(0, i + 1)));
            if (g == null) return List.of();
            Node sub = g.getChildren().get("layers");
            if (sub == null) sub = g.getChildren().get("_layer_checkpoint_dependencies");
            if (!(sub instanceof Group sg)) return List.of();
            parent = sg;
        }
        Group g = find(parent, path.get(path.size() - 1), className);
        if (g == null) return List.of();
        assigned.put(String.join("/", path), g);
        List<WeightArray> out = new ArrayList<>();
        collect(g, String.join("/", path), out);
        return out;
    }

    private Group find(Group parent, String name, String className) {
        for (Node n : parent.getChildren().values()) {
            Attribute a = n.getAttribute("@name");
            if (n instanceof Group g && a != null && name.equals(Hdf5Arrays.text(a.getData()))) return g;
        }
        // Keras numbers groups per class in layer order: count this class's layers so far.
        String snake = snake(className);
        int k = counters.computeIfAbsent(parent, p -> new HashMap<>()).merge(snake, 1, Integer::sum) - 1;
        Node byClass = parent.getChildren().get(k == 0 ? snake : snake + "_" + k);
        if (byClass instanceof Group g) return g;
        Node byName = parent.getChildren().get(name);
        return byName instanceof Group g ? g : null;
    }

    private void collect(Group g, String where, List<WeightArray> out) {
        Node vars = g.getChildren().get("vars");
        if (vars instanceof Group v) {
            List<String> keys = new ArrayList<>(v.getChildren().keySet());
            keys.sort(Comparator.comparingInt(V3Weights::index));
            for (String k : keys) {
                if (v.getChildren().get(k) instanceof Dataset d) out.add(Hdf5Arrays.read(where + "/vars/" + k, d));
            }
        }
        List<String> subs = new ArrayList<>();
        for (Map.Entry<String, Node> e : g.getChildren().entrySet()) if (!e.getKey().equals("vars") && e.getValue() instanceof Group) subs.add(e.getKey());
        subs.sort(Comparator.comparingInt((String s) -> s.startsWith("forward") ? 0 : s.startsWith("backward") ? 1 : 2).thenComparing(s -> s));
        for (String s : subs) collect((Group) g.getChildren().get(s), where + "/" + s, out);
    }

    private static int index(String k) {
        try {
            return Integer.parseInt(k);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    /** Keras's {@code to_snake_case}: "Conv2D" → "conv2d", "BatchNormalization" → "batch_normalization", "PReLU" → "p_re_lu". */
    static String snake(String name) {
        String s = name.replaceAll("(.)([A-Z][a-z]+)", "$1_$2");
        s = s.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase();
        return s.startsWith("_") ? "private" + s : s;
    }
}
