package dev.strata.training;

import java.util.Map;

/** Hooks into the training loop; every method has an empty default. Epochs and batches count from 0. */
public interface Callback {
    default void onTrainBegin(Trainer trainer) {}

    default void onEpochBegin(int epoch, Trainer trainer) {}

    /** After each training step; {@code logs} holds the batch's losses. */
    default void onBatchEnd(int epoch, int batch, Map<String, Double> logs, Trainer trainer) {}

    /** After each epoch; {@code logs} holds the epoch's losses and metrics, train and validation. */
    default void onEpochEnd(int epoch, Map<String, Double> logs, Trainer trainer) {}

    default void onTrainEnd(Trainer trainer) {}
}
