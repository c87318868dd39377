package dev.strata.ops;

import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;

/**
 * The float32 recurrent kernel for rows [r0, r0 + b) of one batch shape: simple cells, LSTM and GRU
 * (reset after), with activations {@link CellActivation#fused()} evaluates in Java. It reads and writes
 * host arrays of the whole batch at its own rows, so {@link RecurrentRows} can run several on disjoint
 * rows at once (rows never interact in a recurrence), each with its own buffers. Buffers are kept in processing order
 * (step k is time index k, or T−1−k in reverse) and gate-major: a step's gate block holds the batch's
 * rows of that gate, contiguous, so each activation is one long loop (4× faster than row by row).
 *
 * <p>Matrix products go to OpenBLAS on native buffers allocated once, all on the calling thread
 * ({@link Gemm#sgemm} with {@code onCaller}): the input projection of all steps is one product per
 * gate, each step's h·U one product per gate, and after the time loop dW, dU and dx one product per
 * gate over all steps. The gate arithmetic runs in float loops over heap arrays
 * (C2 vectorises them); a step copies its pre-activations out of native memory and its h back in,
 * which costs a few microseconds against the tens of microseconds the recurrent product takes.
 */
final class RecurrentFused {
    private final Recurrence.Cell cell;
    private final boolean reverse, hasBias;
    private final int initialStates;
    private final CellActivation act, rec;
    final int r0, b, t, f, u;
    private final int g, gu;
    /** This part's weight gradients after {@link #backward}: dW (f × gu), dU (u × gu), dBias (gu, or 2·gu for a GRU). */
    final float[] dW, dU, dBias;

    // Native: inputs, pre-activations, h (slot 0 = initial state), h·U of one step (GRU), step gradients.
    private final FloatPointer xN, aN, hN, recN, dN, drN, dhN, outN;
    private final FloatBuffer xB, aB, hB, recB, dB, drB, dhB, outB;
    // Heap: activated gates, GRU's h·U + b of the candidate, h and c (slot 0 = initial), tanh(c).
    private final float[] gates, hzH, h, c, tc;
    // Heap scratch for one step and the backward pass.
    private final float[] xs, hz, dh, dhNext, dc, d, dr, gradH, biasIn, biasRec;

    RecurrentFused(Recurrence spec, boolean hasBias, int initialStates, CellActivation act, CellActivation rec,
                   int r0, int b, int t, int f, int u) {
        this.cell = spec.cell();
        this.reverse = spec.reverse();
        this.hasBias = hasBias;
        this.initialStates = initialStates;
        this.act = act;
        this.rec = rec;
        this.r0 = r0;
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
        recN = new FloatPointer((long) b * gu);
        dN = new FloatPointer(bt * gu);
        drN = gru ? new FloatPointer(bt * gu) : null;
        dhN = new FloatPointer((long) b * u);
        outN = new FloatPointer(Math.max(bt * f, (long) gu * Math.max(f, u)));
        xB = xN.asBuffer();
        aB = aN.asBuffer();
        hB = hN.asBuffer();
        recB = recN.asBuffer();
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
        hz = new float[b * gu];
        dh = new float[b * u];
        dhNext = new float[b * u];
        dc = new float[b * u];
        d = new float[b * gu];
        dr = gru ? new float[b * gu] : null;
        gradH = new float[(int) bt * u];
        biasIn = new float[gu];
        biasRec = new float[gu];
        dW = new float[f * gu];
        dU = new float[u * gu];
        dBias = new float[gru ? 2 * gu : gu];
    }

    private int time(int k) {
        return reverse ? t - 1 - k : k;
    }

    /**
     * Runs this part's rows through the sequence. Whole-batch host arrays: x (batch, time, features),
     * bias or null, h0 and c0 (batch, units) or null; out (batch, time [+1], units) gets this part's rows.
     */
    void forward(float[] x, float[] bias, float[] h0, float[] c0, FloatPointer wp, FloatPointer up, float[] out) {
        int n = b * u, tn = t * n;
        // x (batch, time, features) into processing order.
        for (int k = 0; k < t; k++) {
            int now = time(k);
            for (int r = 0; r < b; r++) System.arraycopy(x, ((r0 + r) * t + now) * f, xs, (k * b + r) * f, f);
        }
        xB.put(0, xs, 0, xs.length);
        // x·W per gate over all steps: aN is [gate][step][row][unit]; gates (heap) [step][gate][row][unit].
        for (int q = 0; q < g; q++) {
            Gemm.sgemm(false, false, b * t, u, f, xN, 0, f, wp, (long) q * u, gu, 0f, aN, (long) q * tn, u, true);
            for (int k = 0; k < t; k++) aB.get(q * tn + k * n, gates, k * g * n + q * n, n);
        }
        // Slot 0 of h is the initial state (zeros without one); dU reads it natively too.
        boolean hasH0 = initialStates > 0;
        if (hasH0) System.arraycopy(h0, r0 * u, h, 0, n);
        else java.util.Arrays.fill(h, 0, n, 0f);
        hB.put(0, h, 0, n);
        if (c != null) {
            if (initialStates > 1) System.arraycopy(c0, r0 * u, c, 0, n);
            else java.util.Arrays.fill(c, 0, n, 0f);
        }
        for (int k = 0; k < t; k++) {
            int base = k * g * n;
            // h·U per gate, each product small enough for OpenBLAS to keep on this thread.
            if ((k > 0 || hasH0) && b == 1) {
                // One row: h·U as one matrix-vector product; its output is already gate-major.
                Gemm.sgemv(true, u, gu, up, 0, gu, hN, (long) k * n, recN, 0);
                recB.get(0, hz, 0, g * n);
            } else if (k > 0 || hasH0) {
                for (int q = 0; q < g; q++) {
                    Gemm.sgemm(false, false, b, u, u, hN, (long) k * n, u, up, (long) q * u, gu, 0f, recN, (long) q * n, u, true);
                }
                recB.get(0, hz, 0, g * n);
            } else {
                java.util.Arrays.fill(hz, 0f);
            }
            if (bias != null) for (int q = 0; q < g; q++) addRows(gates, base + q * n, bias, q * u);
            switch (cell) {
                case SIMPLE -> stepSimple(k, base);
                case LSTM -> stepLstm(k, base);
                case GRU -> stepGru(k, base, bias);
                default -> throw new IllegalStateException(cell.name());
            }
            if (k + 1 < t) hB.put((k + 1) * n, h, (k + 1) * n, n);
        }
        // h of every step (and an LSTM's last c) into (batch, time [+1], units).
        int rows = c != null ? t + 1 : t;
        for (int k = 0; k < t; k++) {
            int now = time(k);
            for (int r = 0; r < b; r++) System.arraycopy(h, ((k + 1) * b + r) * u, out, ((r0 + r) * rows + now) * u, u);
        }
        if (c != null) {
            for (int r = 0; r < b; r++) System.arraycopy(c, (t * b + r) * u, out, ((r0 + r) * rows + t) * u, u);
        }
    }

    /** v[off + r·u + j] += bias[bOff + j] for every row r of a gate block. */
    private void addRows(float[] v, int off, float[] bias, int bOff) {
        for (int r = 0; r < b; r++) {
            int o = off + r * u;
            for (int j = 0; j < u; j++) v[o + j] += bias[bOff + j];
        }
    }

    /** acc[aOff + j] += Σ_r v[off + r·u + j]: a gate block's bias gradient. */
    private void sumRows(float[] v, int off, float[] acc, int aOff) {
        for (int r = 0; r < b; r++) {
            int o = off + r * u;
            for (int j = 0; j < u; j++) acc[aOff + j] += v[o + j];
        }
    }

    private void stepSimple(int k, int base) {
        int n = b * u;
        for (int i = 0; i < n; i++) gates[base + i] += hz[i];
        act.apply(gates, base, base + n);
        System.arraycopy(gates, base, h, (k + 1) * n, n);
    }

    private void stepLstm(int k, int base) {
        int n = b * u, gi = base, gf = base + n, gc = base + 2 * n, go = base + 3 * n, cp = k * n, cn = cp + n;
        for (int i = 0; i < 4 * n; i++) gates[base + i] += hz[i];
        rec.apply(gates, gi, gc);
        act.apply(gates, gc, go);
        rec.apply(gates, go, go + n);
        for (int i = 0; i < n; i++) c[cn + i] = gates[gf + i] * c[cp + i] + gates[gi + i] * gates[gc + i];
        System.arraycopy(c, cn, tc, cp, n);
        act.apply(tc, cp, cp + n);
        for (int i = 0; i < n; i++) h[cn + i] = gates[go + i] * tc[cp + i];
    }

    private void stepGru(int k, int base, float[] bias) {
        int n = b * u, gz = base, gr = base + n, gh = base + 2 * n, hp = k * n, hn = hp + n;
        if (bias != null) for (int q = 0; q < 3; q++) addRows(hz, q * n, bias, gu + q * u);
        for (int i = 0; i < 2 * n; i++) gates[base + i] += hz[i];
        rec.apply(gates, gz, gh);
        // candidate = act(x·W_h + r·(h·U_h + b_h)); keep h·U_h + b_h for the backward pass.
        System.arraycopy(hz, 2 * n, hzH, hp, n);
        for (int i = 0; i < n; i++) gates[gh + i] += gates[gr + i] * hz[2 * n + i];
        act.apply(gates, gh, gh + n);
        for (int i = 0; i < n; i++) {
            float z = gates[gz + i], cand = gates[gh + i];
            h[hn + i] = z * h[hp + i] + (1f - z) * cand;
        }
    }

    /**
     * Back-propagation through time for this part's rows, after {@link #forward}. grad is the whole
     * batch's (batch, time [+1], units); dx (batch, time, features), dh0 and dc0 (batch, units) get this
     * part's rows where not null; dW, dU and dBias (this part's sums) are filled when asked for.
     */
    void backward(float[] grad, FloatPointer wp, FloatPointer up, boolean wantW, boolean wantU, float[] dx, float[] dh0, float[] dc0) {
        int n = b * u, tn = t * n;
        int rows = c != null ? t + 1 : t;
        for (int k = 0; k < t; k++) {
            int now = time(k);
            for (int r = 0; r < b; r++) System.arraycopy(grad, ((r0 + r) * rows + now) * u, gradH, (k * b + r) * u, u);
        }
        java.util.Arrays.fill(dhNext, 0f);
        java.util.Arrays.fill(biasIn, 0f);
        java.util.Arrays.fill(biasRec, 0f);
        if (c != null) {
            for (int r = 0; r < b; r++) System.arraycopy(grad, ((r0 + r) * rows + t) * u, dc, r * u, u);
        }
        // The recurrent side's gradients: GRU's see r·d(candidate) on the candidate block.
        FloatPointer rdN = drN != null ? drN : dN;
        boolean wantH0 = initialStates > 0 && dh0 != null;
        for (int k = t - 1; k >= 0; k--) {
            int base = k * g * n;
            for (int i = 0; i < n; i++) dh[i] = gradH[k * n + i] + dhNext[i];
            switch (cell) {
                case SIMPLE -> backSimple(k);
                case LSTM -> backLstm(k, base);
                case GRU -> backGru(k, base);
                default -> throw new IllegalStateException(cell.name());
            }
            for (int q = 0; q < g; q++) {
                dB.put(q * tn + k * n, d, q * n, n);
                sumRows(d, q * n, biasIn, q * u);
                if (dr != null) {
                    drB.put(q * tn + k * n, dr, q * n, n);
                    sumRows(dr, q * n, biasRec, q * u);
                }
            }
            if (k > 0 || wantH0) {
                // dh_prev = Σ_gate d_gate·U_gateᵀ (+ z·dh for a GRU).
                for (int q = 0; q < g; q++) {
                    Gemm.sgemm(false, true, b, u, u, rdN, (long) q * tn + (long) k * n, u, up, (long) q * u, gu, q == 0 ? 0f : 1f,
                            dhN, 0, u, true);
                }
                dhB.get(0, dhNext, 0, n);
                if (cell == Recurrence.Cell.GRU) for (int i = 0; i < n; i++) dhNext[i] += dh[i] * gates[base + i];
            }
        }
        if (wantW) {
            for (int q = 0; q < g; q++) {
                Gemm.sgemm(true, false, f, u, b * t, xN, 0, f, dN, (long) q * tn, u, 0f, outN, (long) q * u, gu, true);
            }
            outB.get(0, dW, 0, f * gu);
        }
        if (wantU) {
            for (int q = 0; q < g; q++) {
                Gemm.sgemm(true, false, u, u, b * t, hN, 0, u, rdN, (long) q * tn, u, 0f, outN, (long) q * u, gu, true);
            }
            outB.get(0, dU, 0, u * gu);
        }
        System.arraycopy(biasIn, 0, dBias, 0, gu);
        if (cell == Recurrence.Cell.GRU) System.arraycopy(biasRec, 0, dBias, gu, gu);
        if (dx != null) {
            for (int q = 0; q < g; q++) {
                Gemm.sgemm(false, true, b * t, f, u, dN, (long) q * tn, u, wp, (long) q * u, gu, q == 0 ? 0f : 1f, outN, 0, f, true);
            }
            outB.get(0, xs, 0, b * t * f);
            for (int k = 0; k < t; k++) {
                int now = time(k);
                for (int r = 0; r < b; r++) System.arraycopy(xs, (k * b + r) * f, dx, ((r0 + r) * t + now) * f, f);
            }
        }
        if (dh0 != null) System.arraycopy(dhNext, 0, dh0, r0 * u, n);
        if (dc0 != null) System.arraycopy(dc, 0, dc0, r0 * u, n);
    }

    private void backSimple(int k) {
        int n = b * u;
        System.arraycopy(dh, 0, d, 0, n);
        act.scale(h, (k + 1) * n, d, 0, n);
    }

    private void backLstm(int k, int base) {
        int n = b * u, gi = base, gf = base + n, gc = base + 2 * n, go = base + 3 * n, cp = k * n;
        // Output gate: h = o·act(c).
        for (int i = 0; i < n; i++) d[3 * n + i] = dh[i] * tc[cp + i];
        rec.scale(gates, go, d, 3 * n, n);
        // Cell: from the next step (dc) and through h; d's first block holds dh·o·act′(c) for a moment.
        for (int i = 0; i < n; i++) d[i] = dh[i] * gates[go + i];
        act.scale(tc, cp, d, 0, n);
        for (int i = 0; i < n; i++) {
            float dcj = dc[i] + d[i];
            d[i] = dcj * gates[gc + i];
            d[n + i] = dcj * c[cp + i];
            d[2 * n + i] = dcj * gates[gi + i];
            dc[i] = dcj * gates[gf + i];
        }
        rec.scale(gates, gi, d, 0, 2 * n);
        act.scale(gates, gc, d, 2 * n, n);
    }

    private void backGru(int k, int base) {
        int n = b * u, gz = base, gr = base + n, gh = base + 2 * n, hp = k * n;
        for (int i = 0; i < n; i++) {
            float dhj = dh[i];
            d[i] = (h[hp + i] - gates[gh + i]) * dhj;
            d[2 * n + i] = (1f - gates[gz + i]) * dhj;
        }
        rec.scale(gates, gz, d, 0, n);
        act.scale(gates, gh, d, 2 * n, n);
        // Reset gate: candidate = act(x·W_h + r·(h·U_h + b_h)).
        for (int i = 0; i < n; i++) d[n + i] = d[2 * n + i] * hzH[hp + i];
        rec.scale(gates, gr, d, n, n);
        System.arraycopy(d, 0, dr, 0, 2 * n);
        for (int i = 0; i < n; i++) dr[2 * n + i] = d[2 * n + i] * gates[gr + i];
    }
}
