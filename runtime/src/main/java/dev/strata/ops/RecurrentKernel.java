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
 * step by step on ND4J arrays ({@link RecurrentStepwise}).
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
    private final RecurrentStepwise stepwise;

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
        this.stepwise = new RecurrentStepwise(spec, hasBias, initialStates, act, rec);
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

    /** Steps [from, to) of a (batch, steps, units) array. */
    static INDArray steps(INDArray m, long from, long to) {
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
        else stepwise.forward(n);
    }

    @Override
    public void backward(Node n) {
        if (n.state instanceof RecurrentRows k) {
            k.backward(n.in, n.grad, n.gin);
            return;
        }
        if (nativeActs != null) backwardNative(n);
        else stepwise.backward(n);
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
}
