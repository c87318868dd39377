package dev.strata.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The direct OpenBLAS path against ND4J's mmul, for every transpose, single rows, column-block views, α and β. */
class GemmTest {
    private static INDArray random(DataType t, long seed, long... shape) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(t, shape).subi(0.5);
    }

    private static void check(DataType t, int m, int n, int k, boolean ta, boolean tb, double alpha, double beta) {
        INDArray a = ta ? random(t, 1, k, m) : random(t, 1, m, k);
        INDArray b = tb ? random(t, 2, n, k) : random(t, 2, k, n);
        INDArray c = random(t, 3, m, n);
        INDArray expected = (ta ? a.transpose() : a).mmul(tb ? b.transpose() : b).muli(alpha).addi(c.mul(beta));
        Gemm.multiply(a, b, c, ta, tb, alpha, beta);
        double tol = t == DataType.FLOAT ? 1e-4 : 1e-12;
        double err = c.sub(expected).amaxNumber().doubleValue();
        assertTrue(err < tol, "m=" + m + " n=" + n + " k=" + k + " ta=" + ta + " tb=" + tb + " " + t + ": error " + err);
    }

    @Test void matchesNd4jForEveryTransposeAndShape() {
        for (DataType t : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            for (int[] s : new int[][] {{1, 7, 5}, {5, 1, 3}, {4, 6, 1}, {1, 1, 1}, {33, 17, 65}, {128, 10, 128}}) {
                for (boolean ta : new boolean[] {false, true}) {
                    for (boolean tb : new boolean[] {false, true}) {
                        check(t, s[0], s[1], s[2], ta, tb, 1.0, 0.0);
                        check(t, s[0], s[1], s[2], ta, tb, -0.5, 1.0);
                    }
                }
            }
        }
    }

    @Test void columnBlockViewsReadAndWriteOnlyTheirColumns() {
        INDArray whole = random(DataType.FLOAT, 4, 6, 12);
        INDArray left = whole.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 4));
        INDArray right = whole.get(NDArrayIndex.all(), NDArrayIndex.interval(4, 12));
        INDArray a = random(DataType.FLOAT, 5, 3, 6);
        INDArray outRight = Nd4j.create(DataType.FLOAT, 3, 8);
        INDArray expectedRight = a.mmul(right);
        Gemm.multiply(a, right, outRight, false, false, 1.0, 0.0);
        assertTrue(outRight.sub(expectedRight).amaxNumber().doubleValue() < 1e-5);

        INDArray before = whole.dup();
        INDArray x = random(DataType.FLOAT, 6, 6, 2), y = random(DataType.FLOAT, 7, 2, 4);
        Gemm.multiply(x, y, left, false, false, 1.0, 0.0);
        assertTrue(left.sub(x.mmul(y)).amaxNumber().doubleValue() < 1e-5);
        assertEquals(0.0, whole.get(NDArrayIndex.all(), NDArrayIndex.interval(4, 12)).sub(
                before.get(NDArrayIndex.all(), NDArrayIndex.interval(4, 12))).amaxNumber().doubleValue());
    }

    @Test void columnSumsMatchTheReduction() {
        for (DataType t : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            for (int[] s : new int[][] {{1, 5}, {128, 10}, {37, 256}}) {
                INDArray g = random(t, 8, s[0], s[1]);
                INDArray out = Nd4j.create(t, s[1]);
                Gemm.columnSums(g, out);
                double err = out.sub(g.sum(0)).amaxNumber().doubleValue();
                assertTrue(err < (t == DataType.FLOAT ? 1e-4 : 1e-12), t + " " + s[0] + "x" + s[1] + ": error " + err);
            }
        }
    }
}
