package dev.strata.ops;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A recurrent cell (simple, LSTM, GRU) run over the time axis, with back-propagation through time.
 *
 * <p>Inputs: x (batch, time, features), kernel W, recurrent kernel U, [bias], [initial states].
 * Output: h at every step (batch, time, units), aligned with the input steps; an LSTM appends its
 * final cell state as one more row (batch, time + 1, units).
 *
 * <p>Float32 runs of simple cells, LSTMs and GRUs (reset after) with activations evaluated in Java
 * take {@link RecurrentFused}, on several threads by batch rows when the batch is large enough
 * ({@link RecurrentRows}). Otherwise (float64 for gradient checks, GRU with reset before, other
 * activations): an LSTM whose activations libnd4j supports runs as one native call each way
 * ({@code lstmLayer} / {@code lstmLayer_bp}, gate order i, f, c, o as in Keras). Every other case —
 * GRU (libnd4j's {@code gru} has no {@code reset_after}), simple cells, other activations — runs
 * here: the input projection x·W + b is one GEMM over all steps; each step then adds h·U and applies
 * the gates in place on time-major buffers kept for the backward pass, which ends with one GEMM
 * each for dW, dU and dx.
 */
final class RecurrentKernel implements Kernel {
    private final Recurrence spec;
    private final Recurrence.Cell cell;
    private final boolean hasBias;
    private final int initialStates;
    private final CellActivation act;
    private final CellActivation rec;
    /** libnd4j activation codes {gate, cell, output} for the native LSTM, or null to run in Java. */
    private final int[] nativeActs;
    private final int forcedParts;

    RecurrentKernel(Recurrence spec, boolean hasBias, int initialStates) {
        this(spec, hasBias, initialStates, true);
    }

    /** {@code allowNative} false forces the Java implementation (tests compare both). */
    RecurrentKernel(Recurrence spec, boolean hasBias, int initialStates, boolean allowNative) {
        this(spec, hasBias, initialStates, allowNative, 0);
    }

    /** {@code forcedParts} above 0 splits a float32 batch into that many row parts whatever its size (tests). */
    RecurrentKernel(Recurrence spec, boolean hasBias, int initialStates, boolean allowNative, int forcedParts) {
        this.forcedParts = forcedParts;
        if (initialStates != 0 && initialStates != spec.cell().states) {
            throw new IllegalArgumentException(spec.cell().name().toLowerCase() + ": expected 0 or " + spec.cell().states
                    + " initial state tensors, got " + initialStates);
        }
        this.spec = spec;
        this.cell = spec.cell();
        this.hasBias = hasBias;
        this.initialStates = initialStates;
        this.act = new CellActivation(spec.activation(), spec.activationAlpha());
        this.rec = new CellActivation(spec.recurrentActivation(), spec.recurrentAlpha());
        int gate = nativeCode(spec.recurrentActivation()), out = nativeCode(spec.activation());
        this.nativeActs = allowNative && cell == Recurrence.Cell.LSTM && gate >= 0 && out >= 0 ? new int[] {gate, out, out} : null;
    }

    /**
     * libnd4j's lstmLayer activation codes for the activations it differentiates exactly; −1 for the
     * rest (its softplus gradient is off by ~1e-6 relative, and parameterised ones are not passed).
     */
    private static int nativeCode(String fn) {
        return switch (fn) {
            case "tanh" -> 0;
            case "relu" -> 1;
            case "sigmoid" -> 2;
            default -> -1;
        };
    }

    @Override public String name() { return cell.name().toLowerCase(); }

    @Override
    public int[] outputShape(int[][] in) {
        int[] x = in[0], w = in[1], u = in[2];
        int g = cell.gates;
        if (x.length != 3 || x[1] <= 0) {
            throw new IllegalArgumentException(name() + ": expected input of shape (batch, time, features), got " + Shapes.show(x));
        }
        if (u.length != 2 || u[1] != g * u[0]) {
            throw new IllegalArgumentException(name() + ": recurrent kernel must be (units, " + g + "·units), got " + Shapes.show(u));
        }
        int units = u[0];
        if (w.length != 2 || w[0] != x[2] || w[1] != g * units) {
            throw new IllegalArgumentException(name() + ": kernel must be (" + x[2] + ", " + g * units + ") for input " + Shapes.show(x)
                    + ", got " + Shapes.show(w));
        }
        int next = 3;
        if (hasBias) {
            int[] b = in[next++];
            int[] want = cell == Recurrence.Cell.GRU ? new int[] {2, g * units} : new int[] {g * units};
            if (!Shapes.same(b, want)) throw new IllegalArgumentException(name() + ": bias must be " + Shapes.show(want) + ", got " + Shapes.show(b));
        }
        for (int i = 0; i < initialStates; i++) {
            int[] s = in[next++];
            if (s.length != 2 || s[0] != x[0] || s[1] != units) {
                throw new IllegalArgumentException(name() + ": initial state " + i + " must be " + Shapes.show(new int[] {x[0], units})
                        + ", got " + Shapes.show(s));
            }
        }
        return new int[] {x[0], spec.trajectoryLength(x[1]), units};
    }

    private INDArray initial(Node n, int which) {
        return which < initialStates ? n.in[(hasBias ? 4 : 3) + which] : null;
    }

    private static INDArray cols(INDArray m, long from, long to) {
        return m.get(NDArrayIndex.all(), NDArrayIndex.interval(from, to));
    }

    /** Steps [from, to) of a (batch, steps, units) array. */
    private static INDArray steps(INDArray m, long from, long to) {
        return m.get(NDArrayIndex.all(), NDArrayIndex.interval(from, to), NDArrayIndex.all());
    }

    /** True when float32 runs take {@link RecurrentRows}. */
    private boolean fusable() {
        return cell != Recurrence.Cell.GRU_RESET_BEFORE && act.fused() && rec.fused();
    }

    @Override
    public void forward(Node n) {
        INDArray x = n.in[0];
        if (fusable() && x.dataType() == DataType.FLOAT) {
            int b = (int) x.size(0), t = (int) x.size(1), units = (int) n.in[2].size(0);
            int parts = forcedParts > 0 ? Math.min(forcedParts, b) : RecurrentRows.partsFor(b, t, cell.gates * units);
            RecurrentRows k = n.state instanceof RecurrentRows rr && rr.fits(x, n.in[2], parts) ? rr
                    : new RecurrentRows(spec, hasBias, initialStates, act, rec, b, t, (int) x.size(2), units, parts);
            n.state = k;
            k.forward(n.in, n.out);
            return;
        }
        if (nativeActs != null) forwardNative(n);
        else forwardJava(n);
    }

    @Override
    public void backward(Node n) {
        if (n.state instanceof RecurrentRows k) {
            k.backward(n.in, n.grad, n.gin);
            return;
        }
        if (nativeActs != null) backwardNative(n);
        else backwardJava(n);
    }

    // ----- native LSTM -----

    /** Buffers of the native LSTM for one batch size. */
    private static final class NativeScratch {
        final long b, t, u;
        final INDArray h, cLast, dh, dcLast;
        INDArray[] spare;

        NativeScratch(DataType type, long b, long t, long u) {
            this.b = b;
            this.t = t;
            this.u = u;
            h = Nd4j.create(type, b, t, u);
            cLast = Nd4j.create(type, b, u);
            dh = Nd4j.create(type, b, t, u);
            dcLast = Nd4j.create(type, b, u);
        }
    }

    private DynamicCustomOp.DynamicCustomOpsBuilder nativeOp(String op, INDArray[] in, INDArray[] out) {
        // One call with every integer argument (STACK-NOTES: a call per value keeps only the last).
        return DynamicCustomOp.builder(op).addInputs(in).addOutputs(out)
                .addIntegerArguments(new int[] {1, spec.reverse() ? 1 : 0, nativeActs[0], nativeActs[1], nativeActs[2]})
                .addFloatingPointArguments(0.0)
                .addBooleanArguments(hasBias, false, initialStates > 0, initialStates > 1, false, true, false, true);
    }

    private INDArray[] nativeInputs(Node n, INDArray... extra) {
        int count = 3 + (hasBias ? 1 : 0) + initialStates;
        INDArray[] in = new INDArray[count + extra.length];
        System.arraycopy(n.in, 0, in, 0, count);
        System.arraycopy(extra, 0, in, count, extra.length);
        return in;
    }

    private void forwardNative(Node n) {
        INDArray x = n.in[0];
        long b = x.size(0), t = x.size(1), u = n.in[2].size(0);
        NativeScratch s = n.state instanceof NativeScratch ns && ns.b == b && ns.t == t && ns.u == u && ns.h.dataType() == x.dataType()
                ? ns : new NativeScratch(x.dataType(), b, t, u);
        n.state = s;
        Nd4j.exec(nativeOp("lstmLayer", nativeInputs(n), new INDArray[] {s.h, s.cLast}).build());
        steps(n.out, 0, t).assign(s.h);
        n.out.get(NDArrayIndex.all(), NDArrayIndex.point(t), NDArrayIndex.all()).assign(s.cLast);
    }

    private void backwardNative(Node n) {
        NativeScratch s = (NativeScratch) n.state;
        long t = s.t;
        s.dh.assign(steps(n.grad, 0, t));
        s.dcLast.assign(n.grad.get(NDArrayIndex.all(), NDArrayIndex.point(t), NDArrayIndex.all()));
        int count = 3 + (hasBias ? 1 : 0) + initialStates;
        if (s.spare == null) s.spare = new INDArray[count];
        INDArray[] out = new INDArray[count];
        for (int i = 0; i < count; i++) {
            if (n.gin[i] != null) {
                out[i] = n.gin[i];
            } else {
                if (s.spare[i] == null) s.spare[i] = n.in[i].ulike();
                out[i] = s.spare[i];
            }
        }
        Nd4j.exec(nativeOp("lstmLayer_bp", nativeInputs(n, s.dh, s.dcLast), out).build());
    }

    // ----- Java implementation -----

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

    private void forwardJava(Node n) {
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
        steps(n.out, 0, steps).assign(s.h.permute(1, 0, 2));
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

    private void backwardJava(Node n) {
        INDArray w = n.in[1], uk = n.in[2];
        Scratch s = (Scratch) n.state;
        s.backwardBuffers();
        long units = s.u;
        int t = (int) s.t;
        s.gh.assign(steps(n.grad, 0, t).permute(1, 0, 2));
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
