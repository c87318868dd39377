package dev.strata.spark.training;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What one replica sends the driver after an epoch: its rows and epoch logs; replica 0 also the
 * model file after the epoch (weights and optimizer state, identical on every replica in
 * synchronous mode) and the per-step losses; and what the exchange cost.
 *
 * @param messageChars characters of one allGather message this replica sent
 * @param exchangeNanos time spent in allGather (encode, exchange, decode) over the epoch
 */
record ReplicaResult(int partition, int rows, Map<String, Double> logs, dev.strata.spark.ModelBytes model, List<Map<String, Double>> stepLogs,
                     int steps, long messageChars, long exchangeNanos, long computeNanos) implements Serializable {
}
