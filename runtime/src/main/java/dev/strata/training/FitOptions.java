package dev.strata.training;

import dev.strata.ops.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What {@code fit} takes besides the data, with Keras's defaults: 1 epoch, batch size 32,
 * shuffling, no validation, verbose 1 (a progress bar on a terminal, a line per epoch otherwise).
 *
 * <p>{@code initialEpoch} is Keras's: {@code epochs(4).initialEpoch(2)} trains epochs 2 and 3
 * (0-based; Keras prints them as 3/4 and 4/4), two epochs. {@code sampleWeights} (by output name,
 * {@code "*"} for every output) and {@code classWeight} (class index to weight, single-output
 * models) weight each sample's loss as Keras does; metrics stay unweighted.
 */
public record FitOptions(int epochs, int batchSize, boolean shuffle, double validationSplit,
                         Map<String, Tensor> validationX, Map<String, Tensor> validationY, List<Callback> callbacks,
                         int verbose, int initialEpoch, Map<String, Tensor> sampleWeights, Map<Integer, Double> classWeight) {

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link FitOptions}. */
    public static final class Builder {
        private int epochs = 1, batchSize = 32, verbose = 1, initialEpoch = 0;
        private boolean shuffle = true;
        private double validationSplit = 0;
        private Map<String, Tensor> vx, vy;
        private final List<Callback> callbacks = new ArrayList<>();
        private final Map<String, Tensor> sampleWeights = new java.util.LinkedHashMap<>();
        private final Map<Integer, Double> classWeight = new java.util.LinkedHashMap<>();

        public Builder epochs(int e) { epochs = e; return this; }
        public Builder batchSize(int b) { batchSize = b; return this; }
        public Builder shuffle(boolean s) { shuffle = s; return this; }
        /** Holds out the last fraction of rows for validation (before shuffling), as Keras does. */
        public Builder validationSplit(double f) { validationSplit = f; return this; }
        /** Validation inputs and targets by name. */
        public Builder validationData(Map<String, Tensor> x, Map<String, Tensor> y) { vx = x; vy = y; return this; }
        public Builder callbacks(Callback... cs) { callbacks.addAll(List.of(cs)); return this; }
        public Builder callbacks(List<? extends Callback> cs) { callbacks.addAll(cs); return this; }
        /** 0 silent, 1 progress bar (or a line per epoch when not a terminal), 2 a line per epoch. */
        public Builder verbose(int v) { verbose = v; return this; }
        /** Epoch to resume at, as Keras: training runs epochs {@code initialEpoch} to {@code epochs - 1}. */
        public Builder initialEpoch(int e) { initialEpoch = e; return this; }
        /** One weight per row of the training arrays, for every output's loss (Keras's {@code sample_weight}). */
        public Builder sampleWeight(Tensor w) { sampleWeights.put("*", w); return this; }
        /** One weight per row for one output's loss. */
        public Builder sampleWeight(String output, Tensor w) { sampleWeights.put(output, w); return this; }
        /** A loss weight per class, found from each row's target (one-hot arg-max, or the label itself). */
        public Builder classWeight(Map<Integer, Double> weights) { classWeight.putAll(weights); return this; }

        public FitOptions build() {
            if (epochs < 0) throw new IllegalArgumentException("epochs must be >= 0, got " + epochs);
            if (batchSize <= 0) throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
            if (validationSplit < 0 || validationSplit >= 1) throw new IllegalArgumentException("validation split must be in [0, 1), got " + validationSplit);
            if (initialEpoch < 0) throw new IllegalArgumentException("initial epoch must be >= 0, got " + initialEpoch);
            classWeight.forEach((k, v) -> {
                if (!(v >= 0)) throw new IllegalArgumentException("class weight of class " + k + " must be >= 0, got " + v);
            });
            return new FitOptions(epochs, batchSize, shuffle, validationSplit, vx, vy, List.copyOf(callbacks), verbose, initialEpoch,
                    Map.copyOf(sampleWeights), Map.copyOf(classWeight));
        }
    }
}
