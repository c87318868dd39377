package dev.strata.spark.training;

import java.io.Serializable;

/** How replicas stay in step: averaged gradients every step, or averaged weights every few steps. */
public sealed interface TrainingMode extends Serializable {

    /**
     * Every step every replica computes the gradient of its shard's next batch; the gradients are
     * averaged (weighted by rows) and each replica applies the same optimizer update, so replicas
     * stay identical and training equals one machine's with the summed batch size.
     */
    record Synchronous() implements TrainingMode {
    }

    /**
     * Each replica trains alone with its own optimizer and the weights are averaged (weighted by the
     * rows each replica used since the last average) every {@code everySteps} steps and at the end of
     * every epoch: one exchange per k steps, for slow networks, at some cost in accuracy per epoch.
     */
    record ParameterAveraging(int everySteps) implements TrainingMode {
        public ParameterAveraging {
            if (everySteps < 1) throw new IllegalArgumentException("parameter averaging: everySteps must be at least 1, got " + everySteps);
        }
    }

    /** Gradient averaging every step. */
    static TrainingMode synchronous() {
        return new Synchronous();
    }

    /** Weight averaging every {@code k} steps. */
    static TrainingMode averageEvery(int k) {
        return new ParameterAveraging(k);
    }
}
