package dev.strata.ops;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Element access to a contiguous array's native memory from Java, without copies. For small
 * tensors (losses over a batch of predictions) a Java loop beats a chain of native calls, whose
 * fixed cost is tens of microseconds each.
 */
final class Flat {
    private final FloatBuffer f;
    private final DoubleBuffer d;
    private final int offset;
    final int length;

    Flat(INDArray a) {
        if (!accessible(a)) {
            throw new IllegalStateException("Flat access needs a contiguous array");
        }
        offset = (int) a.offset();
        length = (int) a.length();
        if (a.dataType() == DataType.DOUBLE) {
            d = a.data().asNioDouble();
            f = null;
        } else {
            f = a.data().asNioFloat();
            d = null;
        }
    }

    /** Largest work (multiply-adds or elements) done in Java loops rather than a native call. */
    static int smallWork = 8192;

    /** True when {@code a} can be read this way: contiguous, row-major, from its offset on. */
    static boolean accessible(INDArray a) {
        return a.ordering() == 'c' && (!a.isView() || a.length() == a.data().length() - a.offset())
                && (a.dataType() == DataType.FLOAT || a.dataType() == DataType.DOUBLE);
    }

    /** True when every array is accessible and the work is small enough for a Java loop to win. */
    static boolean small(long work, INDArray... arrays) {
        if (work > smallWork) return false;
        for (INDArray a : arrays) if (a != null && !accessible(a)) return false;
        return true;
    }

    double get(int i) {
        return f != null ? f.get(offset + i) : d.get(offset + i);
    }

    void set(int i, double v) {
        if (f != null) f.put(offset + i, (float) v);
        else d.put(offset + i, v);
    }
}
