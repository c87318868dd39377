package dev.strata.keras;

import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.util.ArrayList;
import java.util.List;

/**
 * Keras 2 / tf.keras weights: a group per top-level layer whose {@code weight_names} attribute lists
 * its arrays in order ({@code dense_1/kernel:0}); a nested model's group lists the arrays of all its
 * layers, each name starting with the inner layer's name.
 */
final class LegacyH5Weights implements KerasWeights {
    private final Group root;
    private final String file;

    /** @param root the {@code model_weights} group of a full model, or the root of a weights-only file */
    LegacyH5Weights(Group root, String file) {
        this.root = root;
        this.file = file;
    }

    @Override
    public List<WeightArray> layer(List<String> path, String className) {
        Node top = root.getChildren().get(path.get(0));
        if (!(top instanceof Group g)) return List.of();
        Attribute names = g.getAttribute("weight_names");
        List<WeightArray> out = new ArrayList<>();
        if (names == null) return out;
        String inner = path.size() > 1 ? path.get(path.size() - 1) : null;
        for (String name : Hdf5Arrays.texts(names.getData())) {
            if (inner != null && !name.startsWith(inner + "/")) continue;
            Node n = g.getByPath(name);
            if (!(n instanceof Dataset d)) {
                throw new KerasImportException(file + ": layer '" + String.join("/", path) + "' lists weight '" + name + "' but it is missing");
            }
            out.add(Hdf5Arrays.read(name, d));
        }
        return out;
    }
}
