package dev.strata.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.javacpp.FloatPointer;
import org.junit.jupiter.api.Test;

/**
 * {@link Gemm#sgemm} on raw buffers, split into column blocks for the calling thread, against a plain
 * triple loop in double: both orientations of b, with β = 0 and β = 1, and offsets into every buffer.
 */
class GemmOnCallerTest {
    private static float[] random(int n, long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) (r.nextDouble() * 2 - 1);
        return v;
    }

    private static FloatPointer pointer(float[] v) {
        FloatPointer p = new FloatPointer(v.length);
        p.put(v);
        return p;
    }

    @Test void columnBlocksGiveTheWholeProduct() {
        // 64·300·80 = 1,536,000 > 262,144: cut into blocks of 48 columns (a multiple of 16), the last one 12 wide.
        int m = 64, n = 300, k = 80, off = 7;
        assertTrue((long) m * n * k > Gemm.CALLER_THREAD_WORK);
        for (boolean transB : new boolean[] {false, true}) {
            for (float beta : new float[] {0f, 1f}) {
                float[] a = random(off + m * k, 1), b = random(off + k * n, 2), c0 = random(off + m * n, 3);
                FloatPointer pa = pointer(a), pb = pointer(b), pc = pointer(c0);
                int ldb = transB ? k : n;
                Gemm.sgemm(false, transB, m, n, k, pa, off, k, pb, off, ldb, beta, pc, off, n, true);
                float[] c = new float[off + m * n];
                pc.get(c);
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        double want = beta * c0[off + i * n + j];
                        for (int q = 0; q < k; q++) {
                            want += (double) a[off + i * k + q] * (transB ? b[off + j * k + q] : b[off + q * n + j]);
                        }
                        assertEquals(want, c[off + i * n + j], 1e-4, "transB=" + transB + " beta=" + beta + " at " + i + "," + j);
                    }
                }
                assertEquals(c0[0], c[0], 0f, "nothing before the offset is written");
            }
        }
    }
}
