package dev.strata.ops;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dgemm;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dgemv;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemv;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every matrix product of the plans, c ← α·op(a)·op(b) + β·c, and column sums. Row-major operands go straight to the
 * OpenBLAS that ships with ND4J. Measured on a training step: ND4J's {@code gemm} (the libnd4j
 * {@code matmul} op, on oneDNN) spends 50–150 µs per call outside the arithmetic, which made a
 * 128×10×128 product take 120 µs against 13 µs here.
 */
final class Gemm {
    private Gemm() {}

    /** c ← α·op(a)·op(b) + β·c, where op transposes when asked; all three rank 2. */
    static void multiply(INDArray a, INDArray b, INDArray c, boolean transA, boolean transB, double alpha, double beta) {
        DataType t = c.dataType();
        if (!rowMajor(a, t) || !rowMajor(b, t) || !rowMajor(c, t)) {
            Nd4j.gemm(a, b, c, transA, transB, alpha, beta);
            return;
        }
        int m = (int) c.size(0), n = (int) c.size(1);
        int k = (int) (transA ? a.size(0) : a.size(1));
        if ((transA ? a.size(1) : a.size(0)) != m || (transB ? b.size(0) : b.size(1)) != n || (transB ? b.size(1) : b.size(0)) != k) {
            throw new IllegalArgumentException("gemm: shapes " + java.util.Arrays.toString(a.shape()) + (transA ? "ᵀ" : "") + " · "
                    + java.util.Arrays.toString(b.shape()) + (transB ? "ᵀ" : "") + " do not give " + java.util.Arrays.toString(c.shape()));
        }
        if (m == 0 || n == 0) return;
        int ta = transA ? CblasTrans : CblasNoTrans, tb = transB ? CblasTrans : CblasNoTrans;
        int lda = leading(a), ldb = leading(b), ldc = leading(c);
        if (t == DataType.FLOAT && alpha == 1.0 && (long) m * n * k <= POOL_WORK) {
            sgemm(transA, transB, m, n, k, floats(a), 0, lda, floats(b), 0, ldb, (float) beta, floats(c), 0, ldc, true);
        } else if (t == DataType.FLOAT) {
            cblas_sgemm(CblasRowMajor, ta, tb, m, n, k, (float) alpha, floats(a), lda, floats(b), ldb, (float) beta, floats(c), ldc);
        } else {
            cblas_dgemm(CblasRowMajor, ta, tb, m, n, k, alpha, doubles(a), lda, doubles(b), ldb, beta, doubles(c), ldc);
        }
    }

    /**
     * Products of at most this many multiply-adds run on the calling thread (cut into pieces under
     * {@link #CALLER_THREAD_WORK}); larger ones go to OpenBLAS's pool. Measured on 2 cores: a
     * 64×1600·1600×10 product (a CNN's dense head) took 72 µs on the pool and 30 µs on the caller,
     * 64×288·288×64 27 µs and 16 µs, while 128×256·256×128 (4.2 M) was faster on the pool, 54 µs
     * against 67 µs.
     */
    static final long POOL_WORK = 1L << 21;

    /**
     * OpenBLAS (0.3.19, as shipped) runs a product on one thread when m·n·k is at most this, its
     * SMP_THRESHOLD_MIN · GEMM_MULTITHREAD_THRESHOLD; above it, it wakes its pool.
     */
    static final long CALLER_THREAD_WORK = 65536L * 4;

    /**
     * Row-major float c ← op(a)·op(b) + β·c on raw native buffers; {@code *Off} are offsets in floats.
     * With {@code onCaller}, a product above OpenBLAS's threading threshold is cut along its largest
     * dimension (rows, columns, or the inner one, accumulating) into pieces small enough for OpenBLAS to
     * run each on the calling thread: a recurrent step's products take longer on two threads than on
     * one, a time loop makes thousands of them, and on a shared machine every wake-up of the pool can
     * wait a whole scheduler slice for a descheduled worker.
     */
    static void sgemm(boolean transA, boolean transB, int m, int n, int k, FloatPointer a, long aOff, int lda,
                      FloatPointer b, long bOff, int ldb, float beta, FloatPointer c, long cOff, int ldc, boolean onCaller) {
        if (m == 0 || n == 0) return;
        int ta = transA ? CblasTrans : CblasNoTrans, tb = transB ? CblasTrans : CblasNoTrans;
        long work = (long) m * n * Math.max(k, 1);
        if (!onCaller || work <= CALLER_THREAD_WORK || k == 0) {
            cblas_sgemm(CblasRowMajor, ta, tb, m, n, k, 1f, at(a, aOff), lda, at(b, bOff), ldb, beta, at(c, cOff), ldc);
            return;
        }
        int largest = Math.max(m, Math.max(n, k));
        int piece = (int) Math.max(1, CALLER_THREAD_WORK / (work / largest));
        if (piece >= 16) piece -= piece % 16; // whole SIMD panels
        for (int s = 0; s < largest; s += piece) {
            int w = Math.min(piece, largest - s);
            if (largest == k) {
                // Inner dimension: columns of op(a), rows of op(b); every piece after the first accumulates.
                cblas_sgemm(CblasRowMajor, ta, tb, m, n, w, 1f, at(a, aOff + (transA ? (long) s * lda : s)), lda,
                        at(b, bOff + (transB ? s : (long) s * ldb)), ldb, s == 0 ? beta : 1f, at(c, cOff), ldc);
            } else if (largest == m) {
                cblas_sgemm(CblasRowMajor, ta, tb, w, n, k, 1f, at(a, aOff + (transA ? s : (long) s * lda)), lda,
                        at(b, bOff), ldb, beta, at(c, cOff + (long) s * ldc), ldc);
            } else {
                // Columns of op(b): across a row of b, or down its rows when b is stored transposed.
                cblas_sgemm(CblasRowMajor, ta, tb, m, w, k, 1f, at(a, aOff), lda,
                        at(b, bOff + (transB ? (long) s * ldb : s)), ldb, beta, at(c, cOff + s), ldc);
            }
        }
    }

    private static FloatPointer at(FloatPointer p, long offset) {
        return new FloatPointer(p).position(offset);
    }

    /**
     * Row-major float y ← op(a)·x on raw native buffers (offsets in floats), a being m × n with leading
     * dimension lda: a single sequence's recurrent step, where a GEMM with one row spends most of its
     * time packing.
     */
    static void sgemv(boolean transA, int m, int n, FloatPointer a, long aOff, int lda, FloatPointer x, long xOff,
                      FloatPointer y, long yOff) {
        cblas_sgemv(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, m, n, 1f, at(a, aOff), lda, at(x, xOff), 1, 0f, at(y, yOff), 1);
    }

    /** The native float data of a contiguous row-major array, from its offset. */
    static FloatPointer floatPointer(INDArray x) {
        if (x.dataType() != DataType.FLOAT || !Flat.accessible(x)) {
            throw new IllegalArgumentException("gemm: expected a contiguous float32 array, got " + x.dataType() + " " + x.shapeInfoToString());
        }
        return floats(x);
    }

    /** Vectors of ones by type and length, for column sums; shared by all threads, never written. */
    private static final Map<Long, INDArray> ONES = new ConcurrentHashMap<>();

    /**
     * out ← the column sums of g (rank 2, out rank 1): a GEMV with a vector of ones, which measured
     * faster than a native reduction or a Java loop over a copy (dense layers' bias gradients).
     */
    static void columnSums(INDArray g, INDArray out) {
        DataType t = g.dataType();
        int rows = (int) g.size(0), cols = (int) g.size(1);
        if (!rowMajor(g, t) || out.dataType() != t || !Flat.accessible(out) || rows == 0 || cols == 0) {
            g.sum(out, 0);
            return;
        }
        INDArray ones = ONES.computeIfAbsent(2L * rows + (t == DataType.FLOAT ? 0 : 1), k -> Nd4j.ones(t, rows));
        if (t == DataType.FLOAT) {
            cblas_sgemv(CblasRowMajor, CblasTrans, rows, cols, 1f, floats(g), leading(g), floats(ones), 1, 0f, floats(out), 1);
        } else {
            cblas_dgemv(CblasRowMajor, CblasTrans, rows, cols, 1.0, doubles(g), leading(g), doubles(ones), 1, 0.0, doubles(out), 1);
        }
    }

    /** Rank 2, of the plan's type, each row contiguous (views of whole rows or of column blocks qualify). */
    private static boolean rowMajor(INDArray x, DataType t) {
        return x.rank() == 2 && x.dataType() == t && (t == DataType.FLOAT || t == DataType.DOUBLE)
                && (x.size(1) <= 1 || x.stride(1) == 1) && (x.size(0) <= 1 || x.stride(0) >= x.size(1));
    }

    /** The distance between rows; ND4J reports any stride for a single row, BLAS wants at least the width. */
    private static int leading(INDArray x) {
        return (int) Math.max(1, x.size(0) <= 1 ? x.size(1) : x.stride(0));
    }

    // A view's data buffer already starts at the view's offset (unlike its NIO buffer, which Flat offsets).
    private static FloatPointer floats(INDArray x) {
        return new FloatPointer(x.data().addressPointer());
    }

    private static DoublePointer doubles(INDArray x) {
        return new DoublePointer(x.data().addressPointer());
    }
}
