package dev.strata.bench;

import java.util.ArrayList;
import java.util.List;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;

import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The fp32 matrix-multiply ceiling of this machine with ND4J's natives: GFLOP/s at 1024² and at each GEMM
 * one T2 (784-256-128-10, batch 128) training step needs, measured two ways into preallocated results —
 * {@code Nd4j.gemm} (libnd4j's matmul; oneDNN when its natives are loaded) and a direct
 * {@code cblas_sgemm} of the OpenBLAS that ships with ND4J — the faster of the two counting. Summed over
 * an epoch this gives the time a T2 epoch cannot beat while its GEMMs run at these speeds;
 * {@code t2_gemm_share} is that time divided by a contender's measured epoch.
 */
public final class GemmCeiling {

    /** One product C[m×n] = op(A)·op(B) with inner dimension k. */
    public record Shape(String label, int m, int n, int k, boolean transA, boolean transB) {

        /** Floating-point operations of one product (a multiply and an add per inner step). */
        public double flops() {
            return 2.0 * m * n * k;
        }
    }

    /** A measured shape: best seconds per call each way, the faster of them, and the resulting rate. */
    public record Result(Shape shape, double nd4jSecondsPerCall, double blasSecondsPerCall) {

        /** The ceiling: the faster way's best seconds per call. */
        public double secondsPerCall() {
            return Math.min(nd4jSecondsPerCall, blasSecondsPerCall);
        }


        /** Billions of floating-point operations per second. */
        public double gflops() {
            return shape.flops() / secondsPerCall() / 1e9;
        }
    }

    /** The ceiling: 1024², T2's GEMMs, and their total per T2 epoch. */
    public record Report(Result square, List<Result> t2Shapes, double t2EpochGemmSeconds) {}

    private final double secondsPerTrial;
    private final int trials;

    /**
     * @param secondsPerTrial minimum duration of one timed trial (many calls)
     * @param trials          trials per shape; the best one counts, as a ceiling should
     */
    public GemmCeiling(double secondsPerTrial, int trials) {
        this.secondsPerTrial = secondsPerTrial;
        this.trials = trials;
    }

    /** The GEMMs of one T2 step with {@code batch} rows: 3 forward, 3 weight gradients, 2 input gradients. */
    public static List<Shape> t2Step(int batch) {
        int[] widths = {784, 256, 128, 10};
        List<Shape> shapes = new ArrayList<>();
        for (int l = 0; l < 3; l++) {
            int in = widths[l];
            int out = widths[l + 1];
            shapes.add(new Shape("fwd X" + l + "*W" + l, batch, out, in, false, false));
            shapes.add(new Shape("dW  X" + l + "^T*dZ" + l, in, out, batch, true, false));
            if (l > 0) { // no gradient with respect to the input data
                shapes.add(new Shape("dX  dZ" + l + "*W" + l + "^T", batch, in, out, false, true));
            }
        }
        return shapes;
    }

    /**
     * Measures everything. The trials run in passes over all shapes, so each shape's trials are spread
     * over the whole measurement and its best trial can come from a quiet moment of a busy machine.
     */
    public Report measure() {
        int batch = Task.T2.batchSize();
        int fullBatches = Task.T2.rows() / batch;
        int lastBatch = Task.T2.rows() % batch; // the epoch's final, smaller batch
        List<Operands> square = List.of(new Operands(new Shape("1024^2", 1024, 1024, 1024, false, false)));
        List<Operands> full = t2Step(batch).stream().map(Operands::new).toList();
        List<Operands> last = lastBatch == 0 ? List.of() : t2Step(lastBatch).stream().map(Operands::new).toList();
        List<Operands> all = new ArrayList<>(square);
        all.addAll(full);
        all.addAll(last);
        for (Operands o : all) {
            o.warmUp();
        }
        for (int t = 0; t < trials; t++) {
            for (Operands o : all) {
                o.trial(secondsPerTrial);
            }
        }
        double epoch = 0;
        for (Operands o : full) {
            epoch += fullBatches * o.result().secondsPerCall();
        }
        for (Operands o : last) {
            epoch += o.result().secondsPerCall();
        }
        return new Report(square.get(0).result(), full.stream().map(Operands::result).toList(), epoch);
    }

    /** Preallocated inputs and result of one shape, and its best time so far. */
    private static final class Operands {
        private final Shape shape;
        private final INDArray a;
        private final INDArray b;
        private final INDArray c;
        private final INDArray cRowMajor;
        private double bestNd4j = Double.POSITIVE_INFINITY;
        private double bestBlas = Double.POSITIVE_INFINITY;

        Operands(Shape s) {
            shape = s;
            a = Nd4j.rand(DataType.FLOAT, s.transA() ? new long[] {s.k(), s.m()} : new long[] {s.m(), s.k()});
            b = Nd4j.rand(DataType.FLOAT, s.transB() ? new long[] {s.n(), s.k()} : new long[] {s.k(), s.n()});
            // Nd4j.gemm documents its result as f-order and not a view.
            c = Nd4j.createUninitialized(DataType.FLOAT, new long[] {s.m(), s.n()}, 'f');
            cRowMajor = Nd4j.createUninitialized(DataType.FLOAT, new long[] {s.m(), s.n()}, 'c');
        }

        private void nd4j() {
            Nd4j.gemm(a, b, c, shape.transA(), shape.transB(), 1.0, 0.0);
        }

        /** Row-major operands as Nd4j.rand made them; leading dimensions are their row lengths. */
        private void blas() {
            cblas_sgemm(CblasRowMajor, shape.transA() ? CblasTrans : CblasNoTrans, shape.transB() ? CblasTrans : CblasNoTrans,
                    shape.m(), shape.n(), shape.k(), 1f, (FloatPointer) a.data().addressPointer(), (int) a.size(1),
                    (FloatPointer) b.data().addressPointer(), (int) b.size(1), 0f, (FloatPointer) cRowMajor.data().addressPointer(),
                    shape.n());
        }

        void warmUp() {
            long end = System.nanoTime() + 50_000_000L;
            do {
                nd4j();
                blas();
            } while (System.nanoTime() < end);
        }

        /** Calls each way's GEMM for at least {@code seconds}; keeps the best seconds per call. */
        void trial(double seconds) {
            bestNd4j = Math.min(bestNd4j, time(this::nd4j, seconds));
            bestBlas = Math.min(bestBlas, time(this::blas, seconds));
        }

        private static double time(Runnable gemm, double seconds) {
            long calls = 0;
            long t0 = System.nanoTime();
            long elapsed;
            do {
                gemm.run();
                calls++;
                elapsed = System.nanoTime() - t0;
            } while (elapsed < seconds * 1e9);
            return elapsed / 1e9 / calls;
        }

        Result result() {
            return new Result(shape, bestNd4j, bestBlas);
        }
    }
}
