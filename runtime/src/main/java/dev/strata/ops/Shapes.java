package dev.strata.ops;

import java.util.Arrays;

/** Shape arithmetic shared by kernels: broadcasting, batch resolution, axis normalisation. */
final class Shapes {
    private Shapes() {}

    /** Numpy broadcasting of two shapes, where -1 (the batch) matches -1 or 1. */
    static int[] broadcast(String op, int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            int db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            if (da == db || db == 1) out[i] = da;
            else if (da == 1) out[i] = db;
            else throw new IllegalArgumentException(op + ": shapes " + show(a) + " and " + show(b) + " do not broadcast");
        }
        return out;
    }

    /**
     * The shape with -1 replaced by the batch size; -k (k &gt; 1) stands for k × batch, the first axis
     * of a sequence folded into its batch (time-distributed layers).
     */
    static long[] resolve(int[] shape, long batch) {
        long[] r = new long[shape.length];
        for (int i = 0; i < shape.length; i++) r[i] = shape[i] < 0 ? batch * -shape[i] : shape[i];
        return r;
    }

    static int axis(int axis, int rank) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) throw new IllegalArgumentException("axis " + axis + " is out of range for rank " + rank);
        return a;
    }

    static long count(int[] shape) {
        long n = 1;
        for (int d : shape) n *= d;
        return n;
    }

    /** A shape for messages: the batch axis as "batch". */
    static String show(int[] shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) sb.append(", ");
            sb.append(shape[i] == -1 ? "None" : shape[i] < 0 ? "None×" + -shape[i] : Integer.toString(shape[i]));
        }
        if (shape.length == 1) sb.append(",");
        return sb.append(")").toString();
    }

    static boolean same(int[] a, int[] b) {
        return Arrays.equals(a, b);
    }
}
