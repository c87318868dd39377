package dev.strata.ops;

import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The float32 recurrent kernel for one batch shape: simple cells, LSTM and GRU (reset after), with
 * activations {@link CellActivation#fused()} evaluates in Java. Buffers are kept in processing order
 * (step k is time index k, or T−1−k in reverse) with the batch's rows inside each step.
 *
 * <p>Matrix products go to OpenBLAS on native buffers allocated once: the input projection of all
 * steps is one product, each step adds h·U on the calling thread, and after the time loop dW, dU and
 * dx are one product each over all steps. The gate arithmetic runs in float loops over heap arrays
 * (C2 vectorises them); a step copies its pre-activations out of native memory and its h back in,
 * which costs a few microseconds against the tens of microseconds the recurrent product takes.
 */
final class RecurrentFused {
    private final Recurrence.Cell cell;
    private final boolean reverse, hasBias;
    private final int initialStates;
    private final CellActivation act, rec;
    final int b, t, f, u;
    private final int g, gu;

    // Native: inputs, pre-activations, h (slot 0 = initial state), h·U of one step (GRU), step gradients.
    private final FloatPointer xN, aN, hN, hzN, dN, drN, dhN, outN;
    private final FloatBuffer xB, aB, hB, hzB, dB, drB, dhB, outB;
    // Heap: activated gates, GRU's h·U + b of the candidate, h and c (slot 0 = initial), tanh(c).
    private final float[] gates, hzH, h, c, tc;
    // Heap scratch for one step and the backward pass.
    private final float[] trajectory, xs, hz, dh, dhNext, dc, d, dr, gradH, biasIn, biasRec;

    RecurrentFused(Recurrence spec, boolean hasBias, int initialStates, CellActivation act, CellActivation rec,
                   int b, int t, int f, int u) {
        this.cell = spec.cell();
        this.reverse = spec.reverse();
        this.hasBias = hasBias;
        this.initialStates = initialStates;
        this.act = act;
        this.rec = rec;
        this.b = b;
        this.t = t;
        this.f = f;
        this.u = u;
        this.g = cell.gates;
        this.gu = g * u;
        boolean gru = cell == Recurrence.Cell.GRU, lstm = cell == Recurrence.Cell.LSTM;
        long bt = (long) b * t;
        xN = new FloatPointer(bt * f);
        aN = new FloatPointer(bt * gu);
        hN = new FloatPointer((bt + b) * u);
        hzN = gru ? new FloatPointer((long) b * gu) : null;
        dN = new FloatPointer(bt * gu);
        drN = gru ? new FloatPointer(bt * gu) : null;
        dhN = new FloatPointer((long) b * u);
        outN = new FloatPointer(Math.max(bt * f, (long) gu * Math.max(f, u)));
        xB = xN.asBuffer();
        aB = aN.asBuffer();
        hB = hN.asBuffer();
        hzB = gru ? hzN.asBuffer() : null;
        dB = dN.asBuffer();
        drB = gru ? drN.asBuffer() : null;
        dhB = dhN.asBuffer();
        outB = outN.asBuffer();
        gates = new float[(int) bt * gu];
        hzH = gru ? new float[(int) bt * u] : null;
        h = new float[(int) (bt + b) * u];
        c = lstm ? new float[(int) (bt + b) * u] : null;
        tc = lstm ? new float[(int) bt * u] : null;
        xs = new float[(int) bt * f];
        trajectory = new float[b * spec.trajectoryLength(t) * u];
        hz = gru ? new float[b * gu] : null;
        dh = new float[b * u];
        dhNext = new float[b * u];
        dc = new float[b * u];
        d = new float[b * gu];
        dr = gru ? new float[b * gu] : null;
        gradH = new float[(int) bt * u];
        biasIn = new float[gu];
        biasRec = new float[gu];
    }

    boolean fits(INDArray x, INDArray uk) {
        return x.dataType() == DataType.FLOAT && x.size(0) == b && x.size(1) == t && x.size(2) == f && uk.size(0) == u;
    }

    private int time(int k) {
        return reverse ? t - 1 - k : k;
    }

    /** Runs the sequence; in = x, W, U, [bias], [h0, [c0]]; out = (batch, time [+1], units). */
    void forward(INDArray[] in, INDArray out) {
        INDArray w = in[1], uk = in[2];
        int next = 3;
        float[] bias = hasBias ? read(in[next++]) : null;
        // x (batch, time, features) into processing order.
        float[] x = read(in[0]);
        for (int k = 0; k < t; k++) {
            int now = time(k);
            for (int r = 0; r < b; r++) System.arraycopy(x, (r * t + now) * f, xs, (k * b + r) * f, f);
        }
        xB.put(0, xs, 0, xs.length);
        FloatPointer wp = Gemm.floatPointer(w), up = Gemm.floatPointer(uk);
        Gemm.sgemm(false, false, b * t, gu, f, xN, 0, f, wp, 0, gu, 0f, aN, 0, gu, false);
        boolean hasH0 = initialStates > 0;
        // Slot 0 of h is the initial state (zeros without one); dU reads it natively too.
        if (hasH0) System.arraycopy(read(in[next]), 0, h, 0, b * u);
        else java.util.Arrays.fill(h, 0, b * u, 0f);
        hB.put(0, h, 0, b * u);
        if (c != null) {
            if (initialStates > 1) System.arraycopy(read(in[next + 1]), 0, c, 0, b * u);
            else java.util.Arrays.fill(c, 0, b * u, 0f);
        }
        for (int k = 0; k < t; k++) {
            boolean prev = k > 0 || hasH0;
            long aOff = (long) k * b * gu;
            if (cell == Recurrence.Cell.GRU) {
                if (prev) {
                    Gemm.sgemm(false, false, b, gu, u, hN, (long) k * b * u, u, up, 0, gu, 0f, hzN, 0, gu, true);
                    hzB.get(0, hz, 0, b * gu);
                } else {
                    java.util.Arrays.fill(hz, 0f);
                }
            } else if (prev) {
                Gemm.sgemm(false, false, b, gu, u, hN, (long) k * b * u, u, up, 0, gu, 1f, aN, aOff, gu, true);
            }
            int base = (int) aOff;
            aB.get(base, gates, base, b * gu);
            if (bias != null) {
                for (int r = 0; r < b; r++) {
                    int o = base + r * gu;
                    for (int j = 0; j < gu; j++) gates[o + j] += bias[j];
                }
            }
            switch (cell) {
                case SIMPLE -> stepSimple(k);
                case LSTM -> stepLstm(k);
                case GRU -> stepGru(k, bias);
                default -> throw new IllegalStateException(cell.name());
            }
            if (k + 1 < t) hB.put((k + 1) * b * u, h, (k + 1) * b * u, b * u);
        }
        // h of every step (and an LSTM's last c) into (batch, time [+1], units).
        int rows = (int) out.size(1);
        float[] o = trajectory;
        for (int k = 0; k < t; k++) {
            int now = time(k);
            for (int r = 0; r < b; r++) System.arraycopy(h, ((k + 1) * b + r) * u, o, (r * rows + now) * u, u);
        }
        if (c != null) {
            for (int r = 0; r < b; r++) System.arraycopy(c, (t * b + r) * u, o, (r * rows + t) * u, u);
        }
        write(out, o);
    }

    private void stepSimple(int k) {
        int base = k * b * gu;
        act.apply(gates, base, base + b * u);
        System.arraycopy(gates, base, h, (k + 1) * b * u, b * u);
    }

    private void stepLstm(int k) {
        int base = k * b * gu;
        for (int r = 0; r < b; r++) {
            int o = base + r * gu;
            rec.apply(gates, o, o + 2 * u);
            act.apply(gates, o + 2 * u, o + 3 * u);
            rec.apply(gates, o + 3 * u, o + 4 * u);
            int cp = (k * b + r) * u, cn = cp + b * u, tn = (k * b + r) * u;
            for (int j = 0; j < u; j++) c[cn + j] = gates[o + u + j] * c[cp + j] + gates[o + j] * gates[o + 2 * u + j];
            System.arraycopy(c, cn, tc, tn, u);
            act.apply(tc, tn, tn + u);
            for (int j = 0; j < u; j++) h[cn + j] = gates[o + 3 * u + j] * tc[tn + j];
        }
    }

    private void stepGru(int k, float[] bias) {
        int base = k * b * gu;
        for (int r = 0; r < b; r++) {
            int o = base + r * gu, z = r * gu;
            if (bias != null) for (int j = 0; j < gu; j++) hz[z + j] += bias[gu + j];
            for (int j = 0; j < 2 * u; j++) gates[o + j] += hz[z + j];
            rec.apply(gates, o, o + 2 * u);
            int hh = (k * b + r) * u;
            System.arraycopy(hz, z + 2 * u, hzH, hh, u);
            for (int j = 0; j < u; j++) gates[o + 2 * u + j] += gates[o + u + j] * hz[z + 2 * u + j];
            act.apply(gates, o + 2 * u, o + 3 * u);
            int hp = (k * b + r) * u, hn = hp + b * u;
            for (int j = 0; j < u; j++) {
                float zz = gates[o + j], cand = gates[o + 2 * u + j];
                h[hn + j] = zz * h[hp + j] + (1f - zz) * cand;
            }
        }
    }

    /** Back-propagation through time; gin = gradients of in (null entries: not needed). */
    void backward(INDArray[] in, INDArray grad, INDArray[] gin) {
        INDArray w = in[1], uk = in[2];
        int rows = (int) grad.size(1);
        float[] gr = read(grad);
        for (int k = 0; k < t; k++) {
            int now = time(k);
            for (int r = 0; r < b; r++) System.arraycopy(gr, (r * rows + now) * u, gradH, (k * b + r) * u, u);
        }
        java.util.Arrays.fill(dhNext, 0f);
        java.util.Arrays.fill(biasIn, 0f);
        java.util.Arrays.fill(biasRec, 0f);
        if (c != null) {
            for (int r = 0; r < b; r++) System.arraycopy(gr, (r * rows + t) * u, dc, r * u, u);
        }
        FloatPointer wp = Gemm.floatPointer(w), up = Gemm.floatPointer(uk);
        boolean wantH0 = initialStates > 0 && gin[hasBias ? 4 : 3] != null;
        for (int k = t - 1; k >= 0; k--) {
            int hk = k * b * u;
            for (int i = 0; i < b * u; i++) dh[i] = gradH[hk + i] + dhNext[i];
            switch (cell) {
                case SIMPLE -> backSimple(k);
                case LSTM -> backLstm(k);
                case GRU -> backGru(k);
                default -> throw new IllegalStateException(cell.name());
            }
            long dOff = (long) k * b * gu;
            dB.put((int) dOff, d, 0, b * gu);
            for (int r = 0; r < b; r++) for (int j = 0; j < gu; j++) biasIn[j] += d[r * gu + j];
            // The recurrent side sees GRU's r·d(candidate) on its h block.
            FloatPointer rdN = dN;
            if (dr != null) {
                drB.put((int) dOff, dr, 0, b * gu);
                for (int r = 0; r < b; r++) for (int j = 0; j < gu; j++) biasRec[j] += dr[r * gu + j];
                rdN = drN;
            }
            if (k > 0 || wantH0) {
                // dh_prev = d·Uᵀ (+ z·dh for a GRU, added in backGru's carry).
                Gemm.sgemm(false, true, b, u, gu, rdN, dOff, gu, up, 0, gu, 0f, dhN, 0, u, true);
                dhB.get(0, dhNext, 0, b * u);
                if (cell == Recurrence.Cell.GRU) {
                    int base = k * b * gu;
                    for (int r = 0; r < b; r++) {
                        for (int j = 0; j < u; j++) dhNext[r * u + j] += dh[r * u + j] * gates[base + r * gu + j];
                    }
                }
            }
        }
        int next = 3;
        if (gin[1] != null) {
            Gemm.sgemm(true, false, f, gu, b * t, xN, 0, f, dN, 0, gu, 0f, outN, 0, gu, false);
            write(gin[1], outB, f * gu);
        }
        if (gin[2] != null) {
            Gemm.sgemm(true, false, u, gu, b * t, hN, 0, u, drN != null ? drN : dN, 0, gu, 0f, outN, 0, gu, false);
            write(gin[2], outB, u * gu);
        }
        if (hasBias) {
            INDArray gb = gin[next++];
            if (gb != null) {
                if (cell == Recurrence.Cell.GRU) {
                    float[] both = new float[2 * gu];
                    System.arraycopy(biasIn, 0, both, 0, gu);
                    System.arraycopy(biasRec, 0, both, gu, gu);
                    write(gb, both);
                } else {
                    write(gb, biasIn);
                }
            }
        }
        if (gin[0] != null) {
            Gemm.sgemm(false, true, b * t, f, gu, dN, 0, gu, wp, 0, gu, 0f, outN, 0, f, false);
            outB.get(0, xs, 0, b * t * f);
            float[] dx = new float[b * t * f];
            for (int k = 0; k < t; k++) {
                int now = time(k);
                for (int r = 0; r < b; r++) System.arraycopy(xs, (k * b + r) * f, dx, (r * t + now) * f, f);
            }
            write(gin[0], dx);
        }
        if (initialStates > 0 && gin[next] != null) write(gin[next], dhNext);
        if (initialStates > 1 && gin[next + 1] != null) write(gin[next + 1], dc);
    }

    private void backSimple(int k) {
        System.arraycopy(dh, 0, d, 0, b * u);
        act.scale(h, (k + 1) * b * u, d, 0, b * u);
    }

    private void backLstm(int k) {
        int base = k * b * gu;
        for (int r = 0; r < b; r++) {
            int o = base + r * gu, z = r * gu, s = r * u, tn = (k * b + r) * u, cp = tn;
            // Output gate: h = o·act(c).
            for (int j = 0; j < u; j++) d[z + 3 * u + j] = dh[s + j] * tc[tn + j];
            rec.scale(gates, o + 3 * u, d, z + 3 * u, u);
            // Cell: from the next step (dc) and through h; d[z..] holds dh·o before its scaling.
            for (int j = 0; j < u; j++) d[z + j] = dh[s + j] * gates[o + 3 * u + j];
            act.scale(tc, tn, d, z, u);
            for (int j = 0; j < u; j++) dc[s + j] += d[z + j];
            for (int j = 0; j < u; j++) {
                float dcj = dc[s + j];
                d[z + j] = dcj * gates[o + 2 * u + j];
                d[z + u + j] = dcj * c[cp + j];
                d[z + 2 * u + j] = dcj * gates[o + j];
                dc[s + j] = dcj * gates[o + u + j];
            }
            rec.scale(gates, o, d, z, u);
            rec.scale(gates, o + u, d, z + u, u);
            act.scale(gates, o + 2 * u, d, z + 2 * u, u);
        }
    }

    private void backGru(int k) {
        int base = k * b * gu;
        for (int r = 0; r < b; r++) {
            int o = base + r * gu, z = r * gu, s = r * u, hp = (k * b + r) * u, hh = hp;
            for (int j = 0; j < u; j++) {
                float dhj = dh[s + j];
                d[z + j] = (h[hp + j] - gates[o + 2 * u + j]) * dhj;
                d[z + 2 * u + j] = (1f - gates[o + j]) * dhj;
            }
            rec.scale(gates, o, d, z, u);
            act.scale(gates, o + 2 * u, d, z + 2 * u, u);
            // Reset gate: candidate = act(x·W_h + r·(h·U_h + b_h)).
            for (int j = 0; j < u; j++) d[z + u + j] = d[z + 2 * u + j] * hzH[hh + j];
            rec.scale(gates, o + u, d, z + u, u);
            System.arraycopy(d, z, dr, z, 2 * u);
            for (int j = 0; j < u; j++) dr[z + 2 * u + j] = d[z + 2 * u + j] * gates[o + u + j];
        }
    }

    /** The contiguous float copy of an array. */
    private static float[] read(INDArray a) {
        INDArray src = Flat.accessible(a) && a.dataType() == DataType.FLOAT ? a : a.castTo(DataType.FLOAT).dup('c');
        float[] out = new float[(int) src.length()];
        src.data().asNioFloat().get((int) src.offset(), out, 0, out.length);
        return out;
    }

    private static void write(INDArray dst, float[] values) {
        if (Flat.accessible(dst) && dst.dataType() == DataType.FLOAT) {
            dst.data().asNioFloat().put((int) dst.offset(), values, 0, (int) dst.length());
        } else {
            dst.assign(Nd4j.create(values, dst.shape(), 'c'));
        }
    }

    private void write(INDArray dst, FloatBuffer src, int n) {
        float[] v = new float[n];
        src.get(0, v, 0, n);
        write(dst, v);
    }
}
