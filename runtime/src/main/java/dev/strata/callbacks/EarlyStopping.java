package dev.strata.callbacks;

import dev.strata.ops.Tensor;
import dev.strata.training.Callback;
import dev.strata.training.Trainer;
import java.util.List;
import java.util.Map;

/**
 * Stops training when {@code monitor} has not improved by more than {@code minDelta} for
 * {@code patience} epochs; optionally restores the weights of the best epoch (Keras semantics).
 */
public final class EarlyStopping implements Callback {
    private final String monitor;
    private final double minDelta;
    private final int patience;
    private final Mode mode;
    private final boolean restoreBestWeights;
    private double best;
    private int wait;
    private int stoppedEpoch = -1;
    private int bestEpoch = -1;
    private List<Tensor> bestWeights;

    public EarlyStopping(String monitor, double minDelta, int patience, Mode mode, boolean restoreBestWeights) {
        this.monitor = monitor;
        this.minDelta = Math.abs(minDelta);
        this.patience = patience;
        this.mode = mode;
        this.restoreBestWeights = restoreBestWeights;
    }

    /** Keras's defaults: monitor val_loss, no min delta, patience 0. */
    public EarlyStopping(String monitor, int patience) {
        this(monitor, 0, patience, Mode.AUTO, false);
    }

    @Override
    public void onTrainBegin(Trainer trainer) {
        best = mode.worst(monitor);
        wait = 0;
        stoppedEpoch = -1;
        bestEpoch = -1;
        bestWeights = null;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs, Trainer trainer) {
        double v = Monitored.read(monitor, logs, "EarlyStopping");
        if (mode.improves(monitor, v, best, minDelta)) {
            best = v;
            bestEpoch = epoch;
            wait = 0;
            if (restoreBestWeights) bestWeights = trainer.model().getWeights();
            return;
        }
        wait++;
        if (wait >= patience) {
            stoppedEpoch = epoch;
            trainer.stopTraining();
            if (restoreBestWeights && bestWeights != null) trainer.model().setWeights(bestWeights);
        }
    }

    /** The epoch training stopped at (0-based), or -1 if it ran to the end. */
    public int stoppedEpoch() {
        return stoppedEpoch;
    }

    /** The best epoch seen (0-based). */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** The best monitored value seen. */
    public double best() {
        return best;
    }
}
