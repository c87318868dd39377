package dev.strata.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.javacpp.FloatPointer;
import org.junit.jupiter.api.Test;

/**
 * {@link Gemm#sgemm} on raw buffers, cut into pieces for the calling thread, against a plain triple
 * loop in double: each way of cutting, both orientations of a and b, β = 0 and β = 1, offsets into
 * every buffer.
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

    @Test void piecesGiveTheWholeProduct() {
        // Each above 262,144 multiply-adds, cut along its largest dimension: columns (64·300·80, blocks of
        // 48, the last 12 wide), rows (310·40·30), the inner dimension (30·40·500).
        for (int[] s : new int[][] {{64, 300, 80}, {310, 40, 30}, {30, 40, 500}}) {
            for (boolean transA : new boolean[] {false, true}) check(s[0], s[1], s[2], transA);
        }
    }

    private static void check(int m, int n, int k, boolean transA) {
        int off = 7;
        assertTrue((long) m * n * k > Gemm.CALLER_THREAD_WORK);
        for (boolean transB : new boolean[] {false, true}) {
            for (float beta : new float[] {0f, 1f}) {
                float[] a = random(off + m * k, 1), b = random(off + k * n, 2), c0 = random(off + m * n, 3);
                FloatPointer pa = pointer(a), pb = pointer(b), pc = pointer(c0);
                int lda = transA ? m : k, ldb = transB ? k : n;
                Gemm.sgemm(transA, transB, m, n, k, pa, off, lda, pb, off, ldb, beta, pc, off, n, true);
                float[] c = new float[off + m * n];
                pc.get(c);
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        double want = beta * c0[off + i * n + j];
                        for (int q = 0; q < k; q++) {
                            want += (double) (transA ? a[off + q * m + i] : a[off + i * k + q])
                                    * (transB ? b[off + j * k + q] : b[off + q * n + j]);
                        }
                        assertEquals(want, c[off + i * n + j], 1e-4, m + "x" + n + "x" + k + " transA=" + transA + " transB=" + transB + " beta=" + beta + " at " + i + "," + j);
                    }
                }
                assertEquals(c0[0], c[0], 0f, "nothing before the offset is written");
            }
        }
    }
}
