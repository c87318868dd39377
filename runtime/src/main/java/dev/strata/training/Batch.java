package dev.strata.training;

import dev.strata.ops.Tensor;
import java.util.Map;

/** One batch: input tensors and target tensors by name, all with the same number of rows. */
public record Batch(Map<String, Tensor> inputs, Map<String, Tensor> targets) {
    /** Rows in the batch. */
    public int rows() {
        return inputs.values().iterator().next().rows();
    }
}
