package dev.strata.bench;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;

import dev.strata.ops.RowProduct;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * What a batch of B rows costs in T2's first layer (784×256), against B single rows: the question
 * behind dynamic batching, which can only raise throughput if a batch is cheaper per row than rows
 * run one by one. Three ways: B OpenBLAS GEMVs ({@link RowProduct}, what the row plan runs), one
 * OpenBLAS SGEMM, and a Java loop that reads each weight row once for all B rows. Best of many runs.
 *
 * <pre>OPENBLAS_NUM_THREADS=1 java dev.strata.bench.BatchKernels [runs (default 3000)]</pre>
 */
public final class BatchKernels {
    private static final int IN = 784, UNITS = 256;

    private BatchKernels() {}

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        SplittableRandom r = new SplittableRandom(1);
        float[] w = new float[IN * UNITS];
        for (int i = 0; i < w.length; i++) w[i] = (float) (r.nextGaussian() * 0.05);
        float[][] wRows = new float[IN][];
        for (int i = 0; i < IN; i++) wRows[i] = Arrays.copyOfRange(w, i * UNITS, (i + 1) * UNITS);
        RowProduct gemv = new RowProduct(w, IN, UNITS);
        RowProduct.Scratch scratch = new RowProduct.Scratch(IN);
        org.bytedeco.javacpp.FloatPointer nw = new org.bytedeco.javacpp.FloatPointer((long) IN * UNITS).put(w);
        System.out.println("rows  B GEMVs µs (per row)  one SGEMM µs (per row)  Java loop µs (per row)");
        for (int b : new int[] {1, 2, 4, 8, 16, 32}) {
            float[][] x = new float[b][IN], z = new float[b][UNITS];
            for (float[] row : x) for (int i = 0; i < IN; i++) row[i] = (float) r.nextDouble();
            float[] flat = new float[b * IN], out = new float[b * UNITS];
            for (int k = 0; k < b; k++) System.arraycopy(x[k], 0, flat, k * IN, IN);
            var nx = new org.bytedeco.javacpp.FloatPointer((long) b * IN);
            var nz = new org.bytedeco.javacpp.FloatPointer((long) b * UNITS);
            long gemvs = Long.MAX_VALUE, sgemm = Long.MAX_VALUE, loop = Long.MAX_VALUE;
            for (int run = 0; run < runs; run++) {
                long t0 = System.nanoTime();
                for (int k = 0; k < b; k++) gemv.apply(x[k], z[k], scratch);
                long t1 = System.nanoTime();
                nx.position(0).put(flat, 0, flat.length);
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, b, UNITS, IN, 1f, nx, IN, nw, UNITS, 0f, nz, UNITS);
                nz.position(0).get(out, 0, out.length);
                long t2 = System.nanoTime();
                javaRows(x, wRows, z, b);
                long t3 = System.nanoTime();
                if (run >= runs / 3) { // after the JIT has settled
                    gemvs = Math.min(gemvs, t1 - t0);
                    sgemm = Math.min(sgemm, t2 - t1);
                    loop = Math.min(loop, t3 - t2);
                }
            }
            System.out.printf(Locale.ROOT, "%4d  %8.1f (%5.1f)       %8.1f (%5.1f)         %8.1f (%5.1f)%n",
                    b, gemvs / 1e3, gemvs / 1e3 / b, sgemm / 1e3, sgemm / 1e3 / b, loop / 1e3, loop / 1e3 / b);
        }
    }

    /** z[k] = x[k]·W for every row, four weight rows per pass, each read once for all rows (the loop C2 vectorised best). */
    private static void javaRows(float[][] x, float[][] w, float[][] z, int rows) {
        for (int k = 0; k < rows; k++) Arrays.fill(z[k], 0f);
        for (int i = 0; i < IN; i += 4) { // 784 is a multiple of 4
            float[] w0 = w[i], w1 = w[i + 1], w2 = w[i + 2], w3 = w[i + 3];
            for (int k = 0; k < rows; k++) {
                float[] xk = x[k], zk = z[k];
                float x0 = xk[i], x1 = xk[i + 1], x2 = xk[i + 2], x3 = xk[i + 3];
                for (int j = 0; j < UNITS; j++) zk[j] += x0 * w0[j] + x1 * w1[j] + x2 * w2[j] + x3 * w3[j];
            }
        }
    }
}
