package dev.strata.serving;

/** A batched call refused because the queue of waiting calls is full: overload, try again later. */
public final class QueueFullException extends RuntimeException {
    QueueFullException(int capacity) {
        super("the prediction queue is full (" + capacity + " calls waiting); try again later");
    }
}
