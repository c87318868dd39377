package dev.strata.bench;

import java.util.List;

/**
 * The data of one task as plain Java arrays, so that every contender converts the very same numbers
 * into its own form.
 *
 * <p>Layout: {@code features[row]} is one example; images (T3) are flattened in channel, height, width
 * order (one channel, so simply row-major 28×28). {@code labels.get(k)[row]} is the target of output
 * {@code k}: one-hot for the classification tasks, a single value otherwise. Only T4 has two outputs.
 *
 * @param task     the task the data belongs to
 * @param features one array per example
 * @param labels   one {@code [rows][width]} array per network output
 * @param source   where the numbers came from, for the report (e.g. "MNIST train" or "synthetic")
 */
public record TaskData(Task task, float[][] features, List<float[][]> labels, String source) {

    /** Number of examples. */
    public int rows() {
        return features.length;
    }

    /** Width of one example. */
    public int featureWidth() {
        return features[0].length;
    }
}
