package dev.strata.keras;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strata.model.Model;
import dev.strata.ops.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Copies a Keras file's weights into the imported model, layer by layer in config order. Keras's
 * layouts are Strata's (kernels [in, out], conv kernels [k…, in, filters] in either data format,
 * LSTM gates i f c o, GRU gates z r h with a [2, 3·units] bias when {@code reset_after}, batch
 * normalization's gamma, beta, moving mean, moving variance), so each array is checked for its
 * shape and copied; a missing or misshapen array fails naming the layer and both shapes.
 */
final class WeightAssigner {
    private final KerasWeights weights;
    private final String file;

    WeightAssigner(KerasWeights weights, String file) {
        this.weights = weights;
        this.file = file;
    }

    void assign(JsonNode modelConfig, Model model) {
        assign(modelConfig.path("config"), List.of(), model);
    }

    private void assign(JsonNode config, List<String> path, Model model) {
        for (JsonNode entry : GraphAssembler.layers(config)) {
            KerasLayer k = KerasLayer.of(entry, file);
            if (k.className().equals("InputLayer")) continue;
            List<String> here = new ArrayList<>(path);
            here.add(k.name());
            List<WeightArray> arrays = weights.layer(here, k.className());
            if (GraphAssembler.isModel(k.className())) {
                assign(k.config(), here, model);
                continue;
            }
            Map<String, Parameter> params = model.weights().of(k.name());
            if (params.isEmpty() && arrays.isEmpty()) continue;
            if (weights == KerasWeights.NONE) continue;
            if (params.size() != arrays.size()) {
                throw new KerasImportException(k.where() + ": Strata expects " + params.size() + " weight arrays " + params.keySet()
                        + ", the file has " + arrays.size() + " " + arrays.stream().map(WeightArray::describe).toList());
            }
            int i = 0;
            for (Map.Entry<String, Parameter> e : params.entrySet()) {
                WeightArray a = arrays.get(i++);
                int[] want = e.getValue().get().shape();
                if (!Arrays.equals(want, a.shape())) {
                    throw new KerasImportException(k.where() + ": weight '" + e.getKey() + "' should be " + Arrays.toString(want)
                            + ", the file's " + a.describe() + " is not");
                }
                e.getValue().set(a.tensor());
            }
            if (!k.flag("trainable", true)) model.setTrainable(k.name(), false);
        }
    }
}
