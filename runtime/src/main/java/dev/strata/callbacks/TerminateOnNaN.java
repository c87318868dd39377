package dev.strata.callbacks;

import dev.strata.training.Callback;
import dev.strata.training.Trainer;
import java.util.Map;

/**
 * Keras's {@code TerminateOnNaN}: stops training as soon as a batch's loss is NaN or infinite,
 * saying at which epoch and batch.
 */
public final class TerminateOnNaN implements Callback {
    private int stoppedEpoch = -1;
    private int stoppedBatch = -1;

    @Override
    public void onTrainBegin(Trainer trainer) {
        stoppedEpoch = -1;
        stoppedBatch = -1;
    }

    @Override
    public void onBatchEnd(int epoch, int batch, Map<String, Double> logs, Trainer trainer) {
        Double loss = logs.get("loss");
        if (loss != null && !Double.isFinite(loss)) {
            stoppedEpoch = epoch;
            stoppedBatch = batch;
            System.err.println("strata: epoch " + (epoch + 1) + ", batch " + (batch + 1) + ": invalid loss " + loss + ", terminating training");
            trainer.stopTraining();
        }
    }

    /** The 0-based epoch training stopped in, or −1 when it ran through. */
    public int stoppedEpoch() {
        return stoppedEpoch;
    }

    /** The 0-based batch of that epoch, or −1. */
    public int stoppedBatch() {
        return stoppedBatch;
    }
}
