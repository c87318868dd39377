package dev.strata.serving;

import java.util.List;

/**
 * What a model takes and gives: TensorFlow Serving's signature, plus the raw columns its saved
 * preprocessing reads (empty when it has none).
 */
public record Signature(List<TensorSpec> inputs, List<TensorSpec> outputs, List<String> rawColumns) {
    public Signature {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        rawColumns = List.copyOf(rawColumns);
    }

    /** The input by name, or null. */
    public TensorSpec input(String name) {
        for (TensorSpec t : inputs) if (t.name().equals(name)) return t;
        return null;
    }

    /** Input names in declaration order. */
    public List<String> inputNames() {
        return inputs.stream().map(TensorSpec::name).toList();
    }

    /** Output names in declaration order. */
    public List<String> outputNames() {
        return outputs.stream().map(TensorSpec::name).toList();
    }
}
