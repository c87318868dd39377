package dev.strata.ops;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The step-by-step recurrent kernel on ND4J arrays: what {@link RecurrentKernel} runs where the fused
 * float32 kernel does not apply (float64 for gradient checks, GRU with reset before, activations
 * other than those evaluated in Java) and the native LSTM does not either. The input projection
 * x·W + b is one GEMM over all steps; each step then adds h·U and applies the gates in place on
 * time-major buffers kept for the backward pass, which ends with one GEMM each for dW, dU and dx.
 * It is also the reference the fused kernel is tested against.
 */
final class RecurrentStepwise {
    private final Recurrence spec;
    private final Recurrence.Cell cell;
    private final boolean hasBias;
    private final int initialStates;
    private final CellActivation act;
    private final CellActivation rec;

    RecurrentStepwise(Recurrence spec, boolean hasBias, int initialStates, CellActivation act, CellActivation rec) {
        this.spec = spec;
        this.cell = spec.cell();
        this.hasBias = hasBias;
        this.initialStates = initialStates;
        this.act = act;
        this.rec = rec;
    }

    private INDArray initial(Node n, int which) {
        return which < initialStates ? n.in[(hasBias ? 4 : 3) + which] : null;
    }

    private static INDArray cols(INDArray m, long from, long to) {
        return m.get(NDArrayIndex.all(), NDArrayIndex.interval(from, to));
    }

    /** Per-batch-size buffers: time-major (time, batch, ...), with each step's views made once. */
    private final class Scratch {
        final long b, t, f, u;
        final INDArray xt, xt2, a, a2, h, c, tc, hz, rh;
        /** Per step: the step's slice of a, h, c, tc, hz, rh. */
        final INDArray[] aStep, hStep, cStep, tcStep, hzStep, rhStep;
        /** Per step: each gate's columns of a (and of hz), and the first two gates together. */
        final INDArray[][] gates, hzGates;
        final INDArray[] firstTwo, hzFirstTwo;
        final INDArray tmp, tmp2, tmp2u;
        // backward
        INDArray gh, d, d2, dh, dh2, hp, hp2, dx2, dhn, dcn, tmpUzr, tmpUh;
        INDArray[] ghStep, dStep, dhStep;
        INDArray[][] dGates, dhGates;
        INDArray[] dFirstTwo;

        Scratch(DataType type, long b, long t, long f, long u) {
            this.b = b;
            this.t = t;
            this.f = f;
            this.u = u;
            int g = cell.gates;
            xt = Nd4j.create(type, t, b, f);
            xt2 = xt.reshape('c', t * b, f);
            a = Nd4j.create(type, t, b, g * u);
            a2 = a.reshape('c', t * b, g * u);
            h = cell == Recurrence.Cell.SIMPLE ? a : Nd4j.create(type, t, b, u);
            c = cell == Recurrence.Cell.LSTM ? Nd4j.create(type, t, b, u) : null;
            tc = cell == Recurrence.Cell.LSTM ? Nd4j.create(type, t, b, u) : null;
            hz = cell == Recurrence.Cell.GRU ? Nd4j.create(type, t, b, g * u) : null;
            rh = cell == Recurrence.Cell.GRU_RESET_BEFORE ? Nd4j.create(type, t, b, u) : null;
            aStep = slices(a);
            hStep = slices(h);
            cStep = slices(c);
            tcStep = slices(tc);
            hzStep = slices(hz);
            rhStep = slices(rh);
            gates = blocks(aStep);
            firstTwo = pairs(aStep);
            hzGates = blocks(hzStep);
            hzFirstTwo = pairs(hzStep);
            tmp = Nd4j.create(type, b, u);
            tmp2 = Nd4j.create(type, b, u);
            tmp2u = Nd4j.create(type, b, 2 * u);
        }

        void backwardBuffers() {
            if (gh != null) return;
            DataType type = xt.dataType();
            int g = cell.gates;
            gh = Nd4j.create(type, t, b, u);
            ghStep = slices(gh);
            d = Nd4j.create(type, t, b, g * u);
            d2 = d.reshape('c', t * b, g * u);
            dStep = slices(d);
            dGates = blocks(dStep);
            dFirstTwo = pairs(dStep);
            if (cell == Recurrence.Cell.GRU) {
                dh = Nd4j.create(type, t, b, g * u);
                dh2 = dh.reshape('c', t * b, g * u);
                dhStep = slices(dh);
                dhGates = blocks(dhStep);
            }
            hp = Nd4j.create(type, t, b, u);
            hp2 = hp.reshape('c', t * b, u);
            dx2 = Nd4j.create(type, t * b, f);
            dhn = Nd4j.create(type, b, u);
            dcn = Nd4j.create(type, b, u);
            if (cell == Recurrence.Cell.GRU_RESET_BEFORE) {
                tmpUzr = Nd4j.create(type, u, 2 * u);
                tmpUh = Nd4j.create(type, u, u);
            }
        }

        private INDArray[] slices(INDArray m) {
            if (m == null) return null;
            INDArray[] v = new INDArray[(int) t];
            for (int s = 0; s < t; s++) v[s] = m.slice(s);
            return v;
        }

        private INDArray[][] blocks(INDArray[] stepViews) {
            if (stepViews == null || cell.gates < 2) return null;
            int g = cell.gates;
            INDArray[][] v = new INDArray[(int) t][g];
            for (int s = 0; s < t; s++) {
                for (int k = 0; k < g; k++) v[s][k] = cols(stepViews[s], k * u, (k + 1) * u);
            }
            return v;
        }

        private INDArray[] pairs(INDArray[] stepViews) {
            if (stepViews == null || cell.gates < 2) return null;
            INDArray[] v = new INDArray[(int) t];
            for (int s = 0; s < t; s++) v[s] = cols(stepViews[s], 0, 2 * u);
            return v;
        }
    }

    private Scratch scratch(Node n, long b, long t, long f, long u) {
        if (n.state instanceof Scratch s && s.b == b && s.t == t && s.f == f && s.u == u && s.xt.dataType() == n.in[0].dataType()) return s;
        Scratch s = new Scratch(n.in[0].dataType(), b, t, f, u);
        n.state = s;
        return s;
    }

    private int step(int k, int steps) {
        return spec.reverse() ? steps - 1 - k : k;
    }

    void forward(Node n) {
        INDArray x = n.in[0], w = n.in[1], uk = n.in[2];
        long batch = x.size(0), steps = x.size(1), features = x.size(2), units = uk.size(0);
        Scratch s = scratch(n, batch, steps, features, units);
        s.xt.assign(x.permute(1, 0, 2));
        Gemm.multiply(s.xt2, w, s.a2, false, false, 1.0, 0.0);
        if (hasBias) s.a2.addiRowVector(cell == Recurrence.Cell.GRU ? n.in[3].slice(0) : n.in[3]);
        INDArray h0 = initial(n, 0), c0 = initial(n, 1);
        INDArray recurrentBias = cell == Recurrence.Cell.GRU && hasBias ? n.in[3].slice(1) : null;
        int t = (int) steps;
        for (int k = 0; k < t; k++) {
            int now = step(k, t);
            int prev = k == 0 ? -1 : step(k - 1, t);
            INDArray hp = prev < 0 ? h0 : s.hStep[prev];
            switch (cell) {
                case SIMPLE -> forwardSimple(s, now, hp, uk);
                case LSTM -> forwardLstm(s, now, hp, prev < 0 ? c0 : s.cStep[prev], uk);
                case GRU -> forwardGru(s, now, hp, uk, recurrentBias);
                case GRU_RESET_BEFORE -> forwardGruResetBefore(s, now, hp, uk);
            }
        }
        RecurrentKernel.steps(n.out, 0, steps).assign(s.h.permute(1, 0, 2));
        if (cell == Recurrence.Cell.LSTM) {
            n.out.get(NDArrayIndex.all(), NDArrayIndex.point(steps), NDArrayIndex.all()).assign(s.cStep[step(t - 1, t)]);
        }
    }

    private void forwardSimple(Scratch s, int t, INDArray hp, INDArray uk) {
        INDArray a = s.aStep[t];
        if (hp != null) Gemm.multiply(hp, uk, a, false, false, 1.0, 1.0);
        act.apply(a);
    }

    private void forwardLstm(Scratch s, int t, INDArray hp, INDArray cp, INDArray uk) {
        if (hp != null) Gemm.multiply(hp, uk, s.aStep[t], false, false, 1.0, 1.0);
        INDArray[] g = s.gates[t];
        rec.apply(s.firstTwo[t]);
        act.apply(g[2]);
        rec.apply(g[3]);
        INDArray c = s.cStep[t];
        if (cp != null) c.assign(g[1]).muli(cp);
        else c.assign(0);
        c.addi(s.tmp.assign(g[0]).muli(g[2]));
        INDArray tc = s.tcStep[t].assign(c);
        act.apply(tc);
        s.hStep[t].assign(g[3]).muli(tc);
    }

    private void forwardGru(Scratch s, int t, INDArray hp, INDArray uk, INDArray recurrentBias) {
        INDArray hz = s.hzStep[t];
        if (hp != null) Gemm.multiply(hp, uk, hz, false, false, 1.0, 0.0);
        else hz.assign(0);
        if (recurrentBias != null) hz.addiRowVector(recurrentBias);
        INDArray[] g = s.gates[t];
        s.firstTwo[t].addi(s.hzFirstTwo[t]);
        rec.apply(s.firstTwo[t]);
        g[2].addi(s.tmp.assign(g[1]).muli(s.hzGates[t][2]));
        act.apply(g[2]);
        blend(s.hStep[t], g[0], g[2], hp);
    }

    private void forwardGruResetBefore(Scratch s, int t, INDArray hp, INDArray uk) {
        INDArray[] g = s.gates[t];
        long u = s.u;
        if (hp != null) {
            Gemm.multiply(hp, cols(uk, 0, 2 * u), s.tmp2u, false, false, 1.0, 0.0);
            s.firstTwo[t].addi(s.tmp2u);
        }
        rec.apply(s.firstTwo[t]);
        INDArray rh = s.rhStep[t];
        if (hp != null) {
            rh.assign(g[1]).muli(hp);
            Gemm.multiply(rh, cols(uk, 2 * u, 3 * u), s.tmp, false, false, 1.0, 0.0);
            g[2].addi(s.tmp);
        } else {
            rh.assign(0);
        }
        act.apply(g[2]);
        blend(s.hStep[t], g[0], g[2], hp);
    }

    /** h = z·h_prev + (1 − z)·candidate. */
    private static void blend(INDArray h, INDArray z, INDArray candidate, INDArray hp) {
        if (hp != null) h.assign(hp).subi(candidate).muli(z).addi(candidate);
        else h.assign(z).rsubi(1.0).muli(candidate);
    }

    void backward(Node n) {
        INDArray w = n.in[1], uk = n.in[2];
        Scratch s = (Scratch) n.state;
        s.backwardBuffers();
        long units = s.u;
        int t = (int) s.t;
        s.gh.assign(RecurrentKernel.steps(n.grad, 0, t).permute(1, 0, 2));
        s.dhn.assign(0);
        // The final cell state's own gradient enters at the last processed step.
        if (cell == Recurrence.Cell.LSTM) s.dcn.assign(n.grad.get(NDArrayIndex.all(), NDArrayIndex.point(t), NDArrayIndex.all()));
        INDArray h0 = initial(n, 0), c0 = initial(n, 1);
        for (int k = t - 1; k >= 0; k--) {
            int now = step(k, t);
            int prev = k == 0 ? -1 : step(k - 1, t);
            INDArray hp = prev < 0 ? h0 : s.hStep[prev];
            switch (cell) {
                case SIMPLE -> backwardSimple(s, now, uk);
                case LSTM -> backwardLstm(s, now, prev < 0 ? c0 : s.cStep[prev], uk);
                case GRU -> backwardGru(s, now, hp, uk);
                case GRU_RESET_BEFORE -> backwardGruResetBefore(s, now, hp, uk);
            }
        }
        // The state each step started from, time-major, for dU.
        int first = step(0, t);
        if (t > 1) {
            if (spec.reverse()) s.hp.get(NDArrayIndex.interval(0, t - 1)).assign(s.h.get(NDArrayIndex.interval(1, t)));
            else s.hp.get(NDArrayIndex.interval(1, t)).assign(s.h.get(NDArrayIndex.interval(0, t - 1)));
        }
        if (h0 != null) s.hp.slice(first).assign(h0);
        else s.hp.slice(first).assign(0);

        if (n.gin[1] != null) Gemm.multiply(s.xt2, s.d2, n.gin[1], true, false, 1.0, 0.0);
        if (n.gin[2] != null) {
            switch (cell) {
                case SIMPLE, LSTM -> Gemm.multiply(s.hp2, s.d2, n.gin[2], true, false, 1.0, 0.0);
                case GRU -> Gemm.multiply(s.hp2, s.dh2, n.gin[2], true, false, 1.0, 0.0);
                case GRU_RESET_BEFORE -> {
                    Gemm.multiply(s.hp2, cols(s.d2, 0, 2 * units), s.tmpUzr, true, false, 1.0, 0.0);
                    cols(n.gin[2], 0, 2 * units).assign(s.tmpUzr);
                    Gemm.multiply(s.rh.reshape('c', s.t * s.b, units), cols(s.d2, 2 * units, 3 * units), s.tmpUh, true, false, 1.0, 0.0);
                    cols(n.gin[2], 2 * units, 3 * units).assign(s.tmpUh);
                }
            }
        }
        int next = 3;
        if (hasBias) {
            INDArray gb = n.gin[next++];
            if (gb != null) {
                if (cell == Recurrence.Cell.GRU) {
                    gb.slice(0).assign(s.d2.sum(0));
                    gb.slice(1).assign(s.dh2.sum(0));
                } else {
                    gb.assign(s.d2.sum(0));
                }
            }
        }
        if (n.gin[0] != null) {
            Gemm.multiply(s.d2, w, s.dx2, false, true, 1.0, 0.0);
            n.gin[0].assign(s.dx2.reshape('c', s.t, s.b, s.f).permute(1, 0, 2));
        }
        if (initialStates > 0 && n.gin[next] != null) n.gin[next].assign(s.dhn);
        if (initialStates > 1 && n.gin[next + 1] != null) n.gin[next + 1].assign(s.dcn);
    }

    private void backwardSimple(Scratch s, int t, INDArray uk) {
        INDArray d = s.dStep[t].assign(s.ghStep[t].addi(s.dhn));
        act.scale(s.aStep[t], d, s.tmp);
        Gemm.multiply(d, uk, s.dhn, false, true, 1.0, 0.0);
    }

    private void backwardLstm(Scratch s, int t, INDArray cp, INDArray uk) {
        INDArray dh = s.ghStep[t].addi(s.dhn);
        INDArray[] g = s.gates[t], d = s.dGates[t];
        INDArray tc = s.tcStep[t];
        // Output gate: h = o·act(c).
        d[3].assign(dh).muli(tc);
        rec.scale(g[3], d[3], s.tmp);
        // Cell: from the next step (dcn) and through h.
        INDArray dc = s.dcn;
        s.tmp2.assign(dh).muli(g[3]);
        act.scale(tc, s.tmp2, s.tmp);
        dc.addi(s.tmp2);
        d[0].assign(dc).muli(g[2]);
        rec.scale(g[0], d[0], s.tmp);
        d[2].assign(dc).muli(g[0]);
        act.scale(g[2], d[2], s.tmp);
        if (cp != null) {
            d[1].assign(dc).muli(cp);
            rec.scale(g[1], d[1], s.tmp);
        } else {
            d[1].assign(0);
        }
        dc.muli(g[1]);
        Gemm.multiply(s.dStep[t], uk, s.dhn, false, true, 1.0, 0.0);
    }

    private void backwardGru(Scratch s, int t, INDArray hp, INDArray uk) {
        INDArray dh = s.ghStep[t].addi(s.dhn);
        INDArray[] g = s.gates[t], d = s.dGates[t], dr = s.dhGates[t];
        zAndCandidate(s, g, d, dh, hp);
        // Reset gate: candidate = act(xW_h + r·(hU_h + b_h)).
        d[1].assign(d[2]).muli(s.hzGates[t][2]);
        rec.scale(g[1], d[1], s.tmp);
        // The recurrent side sees r·d(candidate) on its h block.
        dr[0].assign(d[0]);
        dr[1].assign(d[1]);
        dr[2].assign(d[2]).muli(g[1]);
        Gemm.multiply(s.dhStep[t], uk, s.dhn, false, true, 1.0, 0.0);
        s.dhn.addi(s.tmp.assign(dh).muli(g[0]));
    }

    private void backwardGruResetBefore(Scratch s, int t, INDArray hp, INDArray uk) {
        long u = s.u;
        INDArray dh = s.ghStep[t].addi(s.dhn);
        INDArray[] g = s.gates[t], d = s.dGates[t];
        zAndCandidate(s, g, d, dh, hp);
        if (hp == null) {
            // No earlier state: nothing flows to r or further back.
            d[1].assign(0);
            return;
        }
        // candidate = act(xW_h + (r·h_prev)·U_h): d(r·h_prev) = d(candidate)·U_hᵀ.
        Gemm.multiply(d[2], cols(uk, 2 * u, 3 * u), s.tmp, false, true, 1.0, 0.0);
        d[1].assign(s.tmp).muli(hp);
        rec.scale(g[1], d[1], s.tmp2);
        Gemm.multiply(s.dFirstTwo[t], cols(uk, 0, 2 * u), s.dhn, false, true, 1.0, 0.0);
        s.dhn.addi(s.tmp.muli(g[1]));
        s.dhn.addi(s.tmp2.assign(dh).muli(g[0]));
    }

    /** The update gate's and the candidate's pre-activation gradients, shared by both GRU forms. */
    private void zAndCandidate(Scratch s, INDArray[] g, INDArray[] d, INDArray dh, INDArray hp) {
        if (hp != null) d[0].assign(hp).subi(g[2]).muli(dh);
        else d[0].assign(g[2]).negi().muli(dh);
        rec.scale(g[0], d[0], s.tmp);
        d[2].assign(g[0]).rsubi(1.0).muli(dh);
        act.scale(g[2], d[2], s.tmp);
    }
}
