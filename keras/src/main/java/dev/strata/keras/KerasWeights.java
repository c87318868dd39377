package dev.strata.keras;

import java.util.List;

/** The weights stored in a Keras file, looked up per layer in the order Keras lists them. */
interface KerasWeights {
    /**
     * The arrays of one layer, in Keras's order (kernel, recurrent kernel, bias, …).
     *
     * @param path      the layer's name in the config, and the names of the models it is nested in (outermost first)
     * @param className the layer's Keras class, for files that file weights by class (Keras 3)
     */
    List<WeightArray> layer(List<String> path, String className);

    /** No weights at all (a config read without its weights file). */
    KerasWeights NONE = (path, className) -> List.of();
}
