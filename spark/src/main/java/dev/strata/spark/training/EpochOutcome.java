package dev.strata.spark.training;

import java.io.Serializable;
import java.util.Map;

/**
 * What one replica sends the driver after an epoch: its row-weighted loss sums and the cost of
 * its exchanges; replica 0 also sends the trained model (weights and optimizer state).
 *
 * @param partition    the replica's partition
 * @param model        the saved model after the epoch (replica 0), else {@code null}
 * @param lossSums     sum over its batches of loss × rows, by log key ({@code loss}, {@code out_loss})
 * @param rows         rows it trained on
 * @param steps        optimizer steps it took
 * @param gathers      allGather calls
 * @param gatherNanos  time spent in allGather
 * @param messageChars bytes it sent in its last exchange
 * @param stepNanos    time of its loop over the steps (compute, exchange, update), without loading and saving
 */
record EpochOutcome(int partition, byte[] model, Map<String, Double> lossSums, long rows, int steps,
                    int gathers, long gatherNanos, long messageChars, long stepNanos) implements Serializable {
}
