package dev.strata.callbacks;

import dev.strata.training.Callback;
import dev.strata.training.Trainer;

/** Sets the learning rate at the start of every epoch from a schedule of (epoch, current rate). */
public final class LearningRateScheduler implements Callback {
    /** A learning-rate schedule. */
    @FunctionalInterface
    public interface Schedule {
        double rate(int epoch, double current);
    }

    private final Schedule schedule;

    public LearningRateScheduler(Schedule schedule) {
        this.schedule = schedule;
    }

    @Override
    public void onEpochBegin(int epoch, Trainer trainer) {
        trainer.setLearningRate(schedule.rate(epoch, trainer.learningRate()));
    }

    /** Step decay: the rate times {@code factor} every {@code every} epochs. */
    public static Schedule stepDecay(double initial, double factor, int every) {
        return (epoch, current) -> initial * Math.pow(factor, Math.floorDiv(epoch, every));
    }

    /** Exponential decay: initial · e^(−k·epoch). */
    public static Schedule exponentialDecay(double initial, double k) {
        return (epoch, current) -> initial * Math.exp(-k * epoch);
    }
}
