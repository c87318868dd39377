package dev.strata.ops;

import java.util.Locale;

/**
 * How a convolution or pooling window treats the borders, as in Keras.
 *
 * <ul>
 *   <li>{@link #VALID}: no padding; the window stays inside the input, so the output shrinks:
 *       {@code out = floor((in − dilation·(k − 1) − 1) / stride) + 1}.
 *   <li>{@link #SAME}: zero padding (ignored by pooling) so that {@code out = ceil(in / stride)};
 *       when the total padding is odd the extra row or column goes at the end, as in TensorFlow.
 *   <li>{@link #CAUSAL}: 1-D convolutions only: all padding at the start, so output step t sees
 *       input steps up to t only; {@code out = ceil(in / stride)}.
 * </ul>
 */
public enum Padding {
    VALID, SAME, CAUSAL;

    /** Parses Keras's names "valid", "same", "causal" (any case). */
    public static Padding of(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown padding '" + name + "': expected valid, same or causal");
        }
    }

    /** The Keras name, e.g. "same". */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Output length along one axis; zero or less when the window does not fit. */
    public int outputSize(int in, int kernel, int stride, int dilation) {
        if (this == VALID) {
            int effective = dilation * (kernel - 1) + 1;
            return in < effective ? 0 : (in - effective) / stride + 1;
        }
        return (in + stride - 1) / stride;
    }

    /** libnd4j's padding-mode code: 0 valid, 1 same, 2 causal. */
    int code() {
        return ordinal();
    }
}
