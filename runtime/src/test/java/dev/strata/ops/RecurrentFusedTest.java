package dev.strata.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The float32 fused recurrent kernel against the float64 one (the implementation checked against
 * finite differences in {@link RecurrentKernelTest} and the layers' gradient tests): outputs and every
 * input gradient, for each fused cell, direction, with and without bias and initial states, and each
 * activation the fused kernel evaluates in Java.
 */
class RecurrentFusedTest {
    // Units not a multiple of the SIMD width, batch above one, enough steps for errors to compound.
    private static final int T = 6, F = 4, U = 5;

    private static Parameter as(Parameter p, DType dtype) {
        return new Parameter(p.name(), p.get(), dtype, true);
    }

    /** The trajectory and the gradients of a random projection of it, in one precision. */
    private static List<double[]> run(Recurrence spec, boolean bias, boolean initial, DType dtype, int B) {
        return run(spec, bias, initial, dtype, B, 0);
    }

    /** {@code parts} above 0 splits the float32 batch into that many row parts, each on its own thread. */
    private static List<double[]> run(Recurrence spec, boolean bias, boolean initial, DType dtype, int B, int parts) {
        Recurrence.Cell cell = spec.cell();
        int g = cell.gates;
        List<Parameter> ps = new ArrayList<>(List.of(
                as(GradientCheck.param("x", 1, -1, 1, B, T, F), dtype),
                as(GradientCheck.param("w", 2, -0.7, 0.7, F, g * U), dtype),
                as(GradientCheck.param("u", 3, -0.7, 0.7, U, g * U), dtype)));
        if (bias) {
            ps.add(as(cell == Recurrence.Cell.GRU ? GradientCheck.param("b", 4, -0.5, 0.5, 2, g * U)
                    : GradientCheck.param("b", 4, -0.5, 0.5, g * U), dtype));
        }
        if (initial) {
            ps.add(as(GradientCheck.param("h0", 5, -1, 1, B, U), dtype));
            if (cell == Recurrence.Cell.LSTM) ps.add(as(GradientCheck.param("c0", 6, -1, 1, B, U), dtype));
        }
        List<Expr> in = new ArrayList<>();
        for (Parameter p : ps) in.add(Expr.param(p));
        Expr traj = Expr.of(new RecurrentKernel(spec, bias, initial ? cell.states : 0, true, parts), in.toArray(Expr[]::new));
        Parameter proj = as(GradientCheck.param("proj", 7, -1, 1, B, spec.trajectoryLength(T), U), dtype);
        Expr loss = traj.times(Expr.param(proj)).sum();
        Plan plan = Plan.compile(List.of(loss, traj), dtype);
        plan.forward(true);
        plan.backward(loss);
        List<double[]> out = new ArrayList<>(List.of(plan.value(traj).toDoubleArray()));
        for (Parameter p : ps) out.add(plan.gradient(p).toDoubleArray());
        return out;
    }

    private static void agree(Recurrence spec, boolean bias, boolean initial) {
        agree(spec, bias, initial, 3);
    }

    /** {@code batch} 1 takes the matrix-vector path of a single sequence. */
    private static void agree(Recurrence spec, boolean bias, boolean initial, int batch) {
        agree(spec, bias, initial, batch, 0);
    }

    private static void agree(Recurrence spec, boolean bias, boolean initial, int batch, int parts) {
        List<double[]> single = run(spec, bias, initial, DType.FLOAT32, batch, parts), dbl = run(spec, bias, initial, DType.FLOAT64, batch);
        for (int k = 0; k < dbl.size(); k++) {
            double scale = 0;
            for (double v : dbl.get(k)) scale = Math.max(scale, Math.abs(v));
            assertTrue(scale > 0, spec + ": array " + k + " is all zeros");
            for (int i = 0; i < dbl.get(k).length; i++) {
                assertEquals(dbl.get(k)[i], single.get(k)[i], 2e-5 * scale,
                        spec + " bias=" + bias + " initial=" + initial + " batch=" + batch + " parts=" + parts + ": array " + k + " (0 = output, then gradients) index " + i);
            }
        }
    }

    @Test void fusedCellsAgreeWithFloat64InEveryConfiguration() {
        for (Recurrence.Cell cell : List.of(Recurrence.Cell.SIMPLE, Recurrence.Cell.LSTM, Recurrence.Cell.GRU)) {
            for (boolean reverse : new boolean[] {false, true}) {
                for (boolean initial : new boolean[] {false, true}) {
                    agree(new Recurrence(cell, "tanh", 0, "sigmoid", 0, reverse), !initial || reverse, initial);
                }
            }
        }
    }

    /** Rows split across threads (uneven parts, one of a single row) give the same outputs and summed weight gradients. */
    @Test void batchesSplitByRowsAgreeWithFloat64() {
        for (Recurrence.Cell cell : List.of(Recurrence.Cell.SIMPLE, Recurrence.Cell.LSTM, Recurrence.Cell.GRU)) {
            agree(new Recurrence(cell, "tanh", 0, "sigmoid", 0, false), true, true, 7, 2);
            agree(new Recurrence(cell, "tanh", 0, "sigmoid", 0, true), false, false, 7, 3);
            agree(new Recurrence(cell, "tanh", 0, "sigmoid", 0, false), true, false, 3, 3);
        }
    }

    @Test void splittingDecidesByRowsAndWork() {
        assertEquals(1, RecurrentRows.partsFor(2 * RecurrentRows.MIN_ROWS - 1, 1000, 256), "too few rows to split");
        assertEquals(1, RecurrentRows.partsFor(64, 2, 4), "too little work to split");
        assertEquals(Math.min(Workers.available(), 8), RecurrentRows.partsFor(64, 50, 256));
    }

    @Test void aFailingShareIsRethrownAfterTheOthersFinish() {
        int[] done = new int[1];
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> Workers.run(
                () -> done[0]++, () -> { throw new IllegalStateException("share 1 failed"); }, () -> done[0]++));
        assertEquals("share 1 failed", e.getMessage());
        assertEquals(2, done[0]);
    }

    @Test void singleSequencesAgreeWithFloat64() {
        for (Recurrence.Cell cell : List.of(Recurrence.Cell.SIMPLE, Recurrence.Cell.LSTM, Recurrence.Cell.GRU)) {
            agree(new Recurrence(cell, "tanh", 0, "sigmoid", 0, false), true, false, 1);
            agree(new Recurrence(cell, "tanh", 0, "sigmoid", 0, true), true, true, 1);
        }
    }

    @Test void fusedActivationsAgreeWithFloat64() {
        String[][] pairs = {{"relu", "hard_sigmoid"}, {"linear", "tanh"}, {"sigmoid", "relu"}};
        for (Recurrence.Cell cell : List.of(Recurrence.Cell.SIMPLE, Recurrence.Cell.LSTM, Recurrence.Cell.GRU)) {
            for (String[] p : pairs) {
                double alpha = p[1].equals("hard_sigmoid") ? 0.2 : 0;
                agree(new Recurrence(cell, p[0], 0, p[1], alpha, false), true, true);
            }
        }
    }

    @Test void floatTanhIsWithinHalfAMillionth() {
        double worst = 0;
        for (int i = -200_000; i <= 200_000; i++) {
            float x = i * 1e-4f;
            worst = Math.max(worst, Math.abs(CellActivation.tanh(x) - Math.tanh(x)));
        }
        assertTrue(worst < 5e-7, "max |error| " + worst);
        assertEquals(1f, CellActivation.tanh(1e30f));
        assertEquals(-1f, CellActivation.tanh(-1e30f));
        assertEquals(0f, CellActivation.tanh(0f));
        // Small arguments keep their relative accuracy (no 1 − 2/(1 + e^2x) cancellation).
        assertEquals(1e-6, CellActivation.tanh(1e-6f), 1e-12);
    }
}
