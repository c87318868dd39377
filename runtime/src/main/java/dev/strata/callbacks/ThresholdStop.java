package dev.strata.callbacks;

import dev.strata.training.Callback;
import dev.strata.training.Trainer;
import java.util.Map;

/** Stops training once {@code monitor} reaches {@code threshold}: at or below it (MIN/AUTO for losses) or at or above it (MAX). */
public final class ThresholdStop implements Callback {
    private final String monitor;
    private final double threshold;
    private final Mode mode;
    private int stoppedEpoch = -1;

    public ThresholdStop(String monitor, double threshold, Mode mode) {
        this.monitor = monitor;
        this.threshold = threshold;
        this.mode = mode;
    }

    /** Stops when {@code monitor} ≤ {@code threshold}, e.g. {@code below("loss", 0.263)}. */
    public static ThresholdStop below(String monitor, double threshold) {
        return new ThresholdStop(monitor, threshold, Mode.MIN);
    }

    @Override
    public void onTrainBegin(Trainer trainer) {
        stoppedEpoch = -1;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs, Trainer trainer) {
        double v = Monitored.read(monitor, logs, "ThresholdStop");
        boolean reached = mode == Mode.MAX ? v >= threshold : v <= threshold;
        if (reached) {
            stoppedEpoch = epoch;
            trainer.stopTraining();
        }
    }

    /** The epoch at which the threshold was reached (0-based), or -1. */
    public int stoppedEpoch() {
        return stoppedEpoch;
    }
}
