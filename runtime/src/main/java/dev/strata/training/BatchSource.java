package dev.strata.training;

import java.util.Iterator;

/**
 * Where training batches come from: arrays in memory, or a data pipeline. The loop opens one
 * iterator per epoch and always closes it, also when training stops early or fails, so a
 * producer behind it stops and releases its resources.
 */
public interface BatchSource {
    /** The batches of one epoch (0-based). */
    Batches epoch(int epoch);

    /** Batches per epoch when known (for progress bars), otherwise -1. */
    default long batchesPerEpoch() {
        return -1;
    }

    /** An iterator over batches that must be closed. */
    interface Batches extends Iterator<Batch>, AutoCloseable {
        @Override
        void close();

        /** Adapts a plain iterator with nothing to close. */
        static Batches of(Iterator<Batch> it) {
            return new Batches() {
                public boolean hasNext() { return it.hasNext(); }
                public Batch next() { return it.next(); }
                public void close() {}
            };
        }
    }
}
