package dev.strata.ops;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Bulk copies between native arrays and per-thread Java arrays. A loop over a plain {@code float[]}
 * is vectorised by the JIT (square roots and divisions included), while element access to native
 * memory is not: for element-wise work copying in, computing and copying out beats both element
 * access and a chain of native calls.
 */
final class HostCopy {
    private HostCopy() {}

    /** Scratch arrays of one thread, by slot number; grown on demand, never shrunk. */
    private static final int SLOTS = 4;
    private static final ThreadLocal<float[][]> FLOATS = ThreadLocal.withInitial(() -> new float[SLOTS][0]);
    private static final ThreadLocal<double[][]> DOUBLES = ThreadLocal.withInitial(() -> new double[SLOTS][0]);

    /** True when every array is a float32 array whose values are contiguous, row-major, from its offset. */
    static boolean floats(INDArray... arrays) {
        for (INDArray a : arrays) {
            if (a != null && (a.dataType() != DataType.FLOAT || !Flat.accessible(a))) return false;
        }
        return true;
    }

    /** This thread's scratch array number {@code slot} (0–3) holding at least {@code n} floats, contents undefined. */
    static float[] floatScratch(int slot, int n) {
        float[][] all = FLOATS.get();
        if (all[slot].length < n) all[slot] = new float[n];
        return all[slot];
    }

    /** The values of {@code a} (contiguous) in this thread's scratch array number {@code slot}. */
    static float[] read(INDArray a, int slot) {
        int n = (int) a.length();
        float[] into = floatScratch(slot, n);
        a.data().asNioFloat().get((int) a.offset(), into, 0, n);
        return into;
    }

    /** Writes the first {@code a.length()} values of {@code from} into {@code a} (contiguous). */
    static void write(float[] from, INDArray a) {
        a.data().asNioFloat().put((int) a.offset(), from, 0, (int) a.length());
    }

    /** The values of {@code a} (contiguous, float64) in this thread's scratch array number {@code slot}. */
    static double[] readDoubles(INDArray a, int slot) {
        int n = (int) a.length();
        double[][] all = DOUBLES.get();
        if (all[slot].length < n) all[slot] = new double[n];
        a.data().asNioDouble().get((int) a.offset(), all[slot], 0, n);
        return all[slot];
    }

    /** Writes the first {@code a.length()} values of {@code from} into {@code a} (contiguous, float64). */
    static void write(double[] from, INDArray a) {
        a.data().asNioDouble().put((int) a.offset(), from, 0, (int) a.length());
    }
}
