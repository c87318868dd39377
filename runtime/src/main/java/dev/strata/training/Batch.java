package dev.strata.training;

import dev.strata.ops.Tensor;
import java.util.Map;

/**
 * One batch: input tensors and target tensors by name, all with the same number of rows.
 *
 * <p>Per-row loss weights (Keras's {@code sample_weight}) travel with the targets, one value per
 * row: under {@link #SAMPLE_WEIGHT} for every output, or under {@link #sampleWeightOf} one output's.
 * A pipeline batch that carries them is trained weighted, as {@code fit} with sample weights is.
 */
public record Batch(Map<String, Tensor> inputs, Map<String, Tensor> targets) {
    /** Target key of the sample weights for every output. */
    public static final String SAMPLE_WEIGHT = "sample_weight";

    /** Target key of one output's sample weights ({@code "sample_weight:pe"}). */
    public static String sampleWeightOf(String output) {
        return SAMPLE_WEIGHT + ":" + output;
    }

    /** Whether a target key holds sample weights rather than an output's target. */
    public static boolean isSampleWeight(String key) {
        return key.equals(SAMPLE_WEIGHT) || key.startsWith(SAMPLE_WEIGHT + ":");
    }

    /** Rows in the batch. */
    public int rows() {
        return inputs.values().iterator().next().rows();
    }
}
