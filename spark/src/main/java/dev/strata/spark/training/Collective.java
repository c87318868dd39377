package dev.strata.spark.training;

/** How replicas exchange gradients or weights. */
public enum Collective {
    /**
     * Spark's {@code BarrierTaskContext.allGather} (Strings through the driver's barrier
     * coordinator). In Spark 4.0 a waiting task polls its reply every second, so every call
     * takes about a second: fine for parameter averaging every many steps, slow per step.
     */
    ALL_GATHER,
    /**
     * Spark's barrier only for the rendezvous (one allGather per epoch to learn replica 0's
     * address), then plain TCP: every replica sends its vector to replica 0, which averages and
     * sends the result back. Milliseconds per step on one machine; the default.
     */
    SOCKETS
}
