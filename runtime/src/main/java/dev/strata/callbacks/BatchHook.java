package dev.strata.callbacks;

import dev.strata.training.Callback;
import dev.strata.training.Trainer;
import java.util.Map;

/** Runs code after every training batch, e.g. to record weights for weight-trajectory plots. */
public final class BatchHook implements Callback {
    /** What runs after each batch. */
    @FunctionalInterface
    public interface Action {
        void afterBatch(int epoch, int batch, Map<String, Double> logs, Trainer trainer);
    }

    private final Action action;

    public BatchHook(Action action) {
        this.action = action;
    }

    @Override
    public void onBatchEnd(int epoch, int batch, Map<String, Double> logs, Trainer trainer) {
        action.afterBatch(epoch, batch, logs, trainer);
    }
}
