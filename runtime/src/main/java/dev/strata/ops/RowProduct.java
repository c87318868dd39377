package dev.strata.ops;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemv;

import org.bytedeco.javacpp.FloatPointer;

/**
 * One row times a dense kernel, y ← x·W (float32, W row-major {@code in × units}), as OpenBLAS
 * sgemv calls on a native copy of W: no ND4J op, no allocation per call.
 *
 * <p>Why: for a 784×256 kernel OpenBLAS's AVX kernel measured 9–11 µs against 50–70 µs for the
 * best JIT-compiled Java loop (Java 17 does not vectorise that loop well). OpenBLAS 0.3.19 hands a
 * GEMV of {@code in·units ≥ 9216} to its thread pool, which cost more than it saved (25 µs against
 * 14 µs for a whole 784-256-128-10 row) and contends with other callers, so the product is cut into
 * row blocks below that size: each call runs on the caller's thread, and callers run in parallel.
 *
 * <p>The native weights are immutable and shared; each thread passes its own {@link Scratch}.
 */
public final class RowProduct {
    /** OpenBLAS runs a GEMV on the calling thread below 2304 × GEMM_MULTITHREAD_THRESHOLD (4) elements. */
    private static final int SINGLE_THREAD_ELEMENTS = 2304 * 4 - 1;

    private final int in;
    private final int units;
    private final int blockRows;
    private final FloatPointer[] blocks; // block b: rows [b·blockRows, …) of W, positioned once, never moved

    /**
     * Copies {@code kernel} into native memory.
     *
     * @throws IllegalArgumentException when the kernel does not hold {@code in × units} values
     */
    public RowProduct(float[] kernel, int in, int units) {
        if (in < 1 || units < 1 || kernel.length != (long) in * units) {
            throw new IllegalArgumentException("row product: expected a " + in + "×" + units + " kernel (" + (long) in * units
                    + " values), got " + kernel.length + " values");
        }
        this.in = in;
        this.units = units;
        this.blockRows = Math.max(1, SINGLE_THREAD_ELEMENTS / units);
        FloatPointer all = new FloatPointer((long) in * units);
        all.put(kernel);
        this.blocks = new FloatPointer[(in + blockRows - 1) / blockRows];
        for (int b = 0; b < blocks.length; b++) blocks[b] = new FloatPointer(all).position((long) b * blockRows * units);
    }

    /** Input features. */
    public int in() {
        return in;
    }

    /** Output units. */
    public int units() {
        return units;
    }

    /** y[0, units) ← x[0, in)·W, through {@code scratch} (this thread's own). */
    public void apply(float[] x, float[] y, Scratch scratch) {
        if (scratch.capacity < Math.max(in, units)) {
            throw new IllegalArgumentException("row product: scratch holds " + scratch.capacity + " values, needs " + Math.max(in, units));
        }
        FloatPointer nx = scratch.x, ny = scratch.y;
        nx.position(0).put(x, 0, in);
        for (int b = 0; b < blocks.length; b++) {
            int first = b * blockRows, rows = Math.min(blockRows, in - first);
            cblas_sgemv(CblasRowMajor, CblasTrans, rows, units, 1f, blocks[b], units, nx.position(first), 1, b == 0 ? 0f : 1f, ny, 1);
        }
        nx.position(0);
        ny.position(0).get(y, 0, units);
    }

    /** One thread's native input and output rows; not shared between threads. */
    public static final class Scratch {
        private final int capacity;
        private final FloatPointer x;
        private final FloatPointer y;

        /** Room for rows of up to {@code capacity} values, in and out. */
        public Scratch(int capacity) {
            this.capacity = capacity;
            this.x = new FloatPointer(capacity);
            this.y = new FloatPointer(capacity);
        }
    }
}
