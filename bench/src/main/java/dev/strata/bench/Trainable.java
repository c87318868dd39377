package dev.strata.bench;

/**
 * A model made by a {@link Contender} for one task, together with its prepared minibatches. The
 * harness times {@link #fitEpoch()} and {@link #predict(float[])}; both must do the full work each call
 * (no caching of results across calls).
 */
public interface Trainable extends AutoCloseable {

    /**
     * Trains one epoch: one optimizer step per prepared minibatch, in order.
     *
     * @return the loss of the last minibatch as the library reports it (mean over the batch, summed over
     *         outputs), or {@code Double.NaN} if unavailable; a sanity check that both contenders learn
     */
    double fitEpoch();

    /**
     * Inference on one example given in {@link TaskData} layout, returning the first output as a new array.
     * Timed per call, so it includes the conversion in and out of the library's array type.
     */
    float[] predict(float[] row);

    /** Releases native memory early; the default does nothing. */
    @Override
    default void close() {}
}
