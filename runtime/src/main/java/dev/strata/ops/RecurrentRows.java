package dev.strata.ops;

import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A float32 recurrent layer's batch split into row ranges, one {@link RecurrentFused} each, run on
 * {@link Workers} at once. Rows never interact in a recurrence, so the parts share nothing but the
 * read-only weights until their weight gradients are summed: one hand-off per forward and per
 * backward pass, not one per time step, which is what makes a second core pay for a time loop of
 * small products (each kept on its own thread below OpenBLAS's threading threshold).
 */
final class RecurrentRows {
    /** Fewest rows a part gets, and the least batch·time·gates·units worth splitting. */
    static final int MIN_ROWS = 8;
    static final long MIN_WORK = 1L << 17;

    private final boolean hasBias;
    private final int initialStates;
    private final int b, t, f, u, gu, rows;
    private final RecurrentFused[] parts;
    // Whole-batch host arrays, reused across calls.
    private final float[] x, out, grad, dx, h0, c0, dh0, dc0;
    private float[] bias;

    /** How many parts a (b, t) batch of a cell with gu = gates·units columns is split into. */
    static int partsFor(int b, int t, int gu) {
        if (b < 2 * MIN_ROWS || (long) b * t * gu < MIN_WORK) return 1;
        return Math.max(1, Math.min(Workers.available(), b / MIN_ROWS));
    }

    RecurrentRows(Recurrence spec, boolean hasBias, int initialStates, CellActivation act, CellActivation rec,
                  int b, int t, int f, int u, int count) {
        this.hasBias = hasBias;
        this.initialStates = initialStates;
        this.b = b;
        this.t = t;
        this.f = f;
        this.u = u;
        this.gu = spec.cell().gates * u;
        this.rows = spec.trajectoryLength(t);
        parts = new RecurrentFused[count];
        for (int i = 0; i < count; i++) {
            int from = i * b / count, to = (i + 1) * b / count;
            parts[i] = new RecurrentFused(spec, hasBias, initialStates, act, rec, from, to - from, t, f, u);
        }
        x = new float[b * t * f];
        out = new float[b * rows * u];
        grad = new float[b * rows * u];
        dx = new float[b * t * f];
        h0 = initialStates > 0 ? new float[b * u] : null;
        c0 = initialStates > 1 ? new float[b * u] : null;
        dh0 = initialStates > 0 ? new float[b * u] : null;
        dc0 = initialStates > 1 ? new float[b * u] : null;
    }

    /** True when these buffers fit x (batch, time, features) and U (units, …) split into {@code count} parts. */
    boolean fits(INDArray xs, INDArray uk, int count) {
        return xs.size(0) == b && xs.size(1) == t && xs.size(2) == f && uk.size(0) == u && parts.length == count;
    }

    /** in = x, W, U, [bias], [h0, [c0]]; out = (batch, time [+1], units). */
    void forward(INDArray[] in, INDArray result) {
        read(in[0], x);
        int next = 3;
        if (hasBias) bias = read(in[next++], bias == null ? new float[(int) in[3].length()] : bias);
        if (h0 != null) read(in[next], h0);
        if (c0 != null) read(in[next + 1], c0);
        FloatPointer wp = Gemm.floatPointer(in[1]), up = Gemm.floatPointer(in[2]);
        float[] bs = hasBias ? bias : null;
        Runnable[] shares = new Runnable[parts.length];
        for (int i = 0; i < parts.length; i++) {
            RecurrentFused p = parts[i];
            shares[i] = () -> p.forward(x, bs, h0, c0, wp, up, out);
        }
        Workers.run(shares);
        write(result, out);
    }

    /** Back-propagation through time; gin = gradients of in (null entries: not needed). */
    void backward(INDArray[] in, INDArray g, INDArray[] gin) {
        read(g, grad);
        FloatPointer wp = Gemm.floatPointer(in[1]), up = Gemm.floatPointer(in[2]);
        int next = hasBias ? 4 : 3;
        boolean wantW = gin[1] != null, wantU = gin[2] != null;
        float[] dxs = gin[0] != null ? dx : null;
        float[] dh = initialStates > 0 && gin[next] != null ? dh0 : null;
        float[] dc = initialStates > 1 && gin[next + 1] != null ? dc0 : null;
        Runnable[] shares = new Runnable[parts.length];
        for (int i = 0; i < parts.length; i++) {
            RecurrentFused p = parts[i];
            shares[i] = () -> p.backward(grad, wp, up, wantW, wantU, dxs, dh, dc);
        }
        Workers.run(shares);
        if (wantW) write(gin[1], sum(p -> p.dW));
        if (wantU) write(gin[2], sum(p -> p.dU));
        if (hasBias && gin[3] != null) write(gin[3], sum(p -> p.dBias));
        if (dxs != null) write(gin[0], dx);
        if (dh != null) write(gin[next], dh);
        if (dc != null) write(gin[next + 1], dc);
    }

    /** The parts' partial gradients added up (the first part's array when there is one part). */
    private float[] sum(java.util.function.Function<RecurrentFused, float[]> of) {
        float[] total = of.apply(parts[0]);
        if (parts.length == 1) return total;
        total = total.clone();
        for (int i = 1; i < parts.length; i++) {
            float[] v = of.apply(parts[i]);
            for (int j = 0; j < total.length; j++) total[j] += v[j];
        }
        return total;
    }

    /** a's values into {@code into} (its length), row-major, whatever a's layout and type. */
    private static float[] read(INDArray a, float[] into) {
        INDArray src = Flat.accessible(a) && a.dataType() == DataType.FLOAT ? a : a.castTo(DataType.FLOAT).dup('c');
        src.data().asNioFloat().get((int) src.offset(), into, 0, into.length);
        return into;
    }

    private static void write(INDArray dst, float[] values) {
        if (Flat.accessible(dst) && dst.dataType() == DataType.FLOAT) {
            dst.data().asNioFloat().put((int) dst.offset(), values, 0, (int) dst.length());
        } else {
            dst.assign(Nd4j.create(values, dst.shape(), 'c'));
        }
    }
}
