package dev.strata.training;

import dev.strata.losses.Loss;
import dev.strata.metrics.Metric;
import dev.strata.optimizers.Optimizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code compile} takes: an optimizer, a loss per output (with optional weights) and metrics
 * per output. A loss or metric given without an output name applies to every output.
 *
 * <pre>{@code
 * CompileOptions.builder().optimizer(new Optimizer.Adam())
 *     .loss(new Loss.MeanSquaredError()).metrics(Metric.named("rmse")).build();
 * }</pre>
 */
public record CompileOptions(Optimizer optimizer, Map<String, Loss> losses, Loss defaultLoss,
                             Map<String, Double> lossWeights, Map<String, List<Metric>> metrics,
                             List<Metric> defaultMetrics, List<String> accuracyOutputs) {

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link CompileOptions}. */
    public static final class Builder {
        private Optimizer optimizer = new Optimizer.RMSprop();
        private final Map<String, Loss> losses = new LinkedHashMap<>();
        private Loss defaultLoss;
        private final Map<String, Double> weights = new LinkedHashMap<>();
        private final Map<String, List<Metric>> metrics = new LinkedHashMap<>();
        private final List<Metric> defaultMetrics = new ArrayList<>();
        private final List<String> accuracy = new ArrayList<>();

        public Builder optimizer(Optimizer o) { optimizer = o; return this; }
        public Builder optimizer(String name) { return optimizer(Optimizer.named(name)); }
        /** The loss of every output without its own. */
        public Builder loss(Loss l) { defaultLoss = l; return this; }
        public Builder loss(String name) { return loss(Loss.named(name)); }
        /** The loss of one output. */
        public Builder loss(String output, Loss l) { losses.put(output, l); return this; }
        /** The loss of one output with its weight in the total. */
        public Builder loss(String output, Loss l, double weight) { losses.put(output, l); weights.put(output, weight); return this; }
        /** The weight of one output's loss in the total (default 1). */
        public Builder lossWeight(String output, double weight) { weights.put(output, weight); return this; }
        /** Metrics for every output; "accuracy" resolves from the loss. */
        public Builder metrics(Metric... ms) { defaultMetrics.addAll(List.of(ms)); return this; }
        /** Metrics by name for every output. */
        public Builder metrics(String... names) {
            for (String n : names) {
                if (n.equalsIgnoreCase("accuracy") || n.equalsIgnoreCase("acc")) accuracy.add("*");
                else defaultMetrics.add(Metric.named(n));
            }
            return this;
        }
        /** Metrics for one output. */
        public Builder metrics(String output, Metric... ms) { metrics.computeIfAbsent(output, k -> new ArrayList<>()).addAll(List.of(ms)); return this; }
        /** Keras's "accuracy" for one output, resolved from its loss. */
        public Builder accuracy(String output) { accuracy.add(output); return this; }

        public CompileOptions build() {
            return new CompileOptions(optimizer, Map.copyOf(losses), defaultLoss, Map.copyOf(weights), Map.copyOf(metrics),
                    List.copyOf(defaultMetrics), List.copyOf(accuracy));
        }
    }
}
