package dev.strata.ops;

import java.util.List;

/**
 * The configuration of a recurrent cell run over a sequence by {@link Expr#recurrence}: which cell,
 * its activations (by Keras name, with the parameter of ELU / leaky ReLU), and the direction.
 *
 * <p>Weights follow Keras's layouts: kernel [features, g·units], recurrent kernel [units, g·units],
 * bias [g·units] ([2, 3·units] for a GRU with {@code reset_after}), with g = 1 (simple), 4 (LSTM,
 * gates i, f, c, o) or 3 (GRU, gates z, r, h).
 *
 * @param cell                the cell
 * @param activation          the candidate / output activation (Keras's {@code activation}, tanh by default)
 * @param activationAlpha     its parameter (ELU, leaky ReLU), else 0
 * @param recurrentActivation the gates' activation (Keras's {@code recurrent_activation}, sigmoid by default)
 * @param recurrentAlpha      its parameter, else 0
 * @param reverse             run from the last step to the first (outputs stay aligned with the inputs' steps)
 */
public record Recurrence(Cell cell, String activation, double activationAlpha, String recurrentActivation,
                         double recurrentAlpha, boolean reverse) {
    /** The recurrent cells. */
    public enum Cell {
        /** h = act(x·W + h·U + b). */
        SIMPLE(1, 1),
        /** Keras's LSTM: gates i, f, c, o; the state is (h, c). */
        LSTM(4, 2),
        /** Keras 2's GRU ({@code reset_after=true}): gates z, r, h; bias [2, 3·units] (input and recurrent). */
        GRU(3, 1),
        /** The original GRU ({@code reset_after=false}): the reset gate applies to h before the matrix product; bias [3·units]. */
        GRU_RESET_BEFORE(3, 1);

        /** Blocks of {@code units} columns in the kernels. */
        public final int gates;
        /** Number of state tensors (h; or h and c). */
        public final int states;

        Cell(int gates, int states) {
            this.gates = gates;
            this.states = states;
        }
    }

    /** Activations a recurrent cell supports (element-wise, with a derivative computable from the output). */
    public static final List<String> ACTIVATIONS = List.of("linear", "sigmoid", "tanh", "relu", "elu", "leaky_relu", "selu", "softplus", "hard_sigmoid");

    public Recurrence {
        if (!ACTIVATIONS.contains(activation)) {
            throw new IllegalArgumentException("activation '" + activation + "' is not supported in a recurrent cell; use one of " + ACTIVATIONS);
        }
        if (!ACTIVATIONS.contains(recurrentActivation)) {
            throw new IllegalArgumentException("recurrent activation '" + recurrentActivation + "' is not supported; use one of " + ACTIVATIONS);
        }
    }

    /**
     * Length of the trajectory {@link Expr#recurrence} returns along the time axis for {@code steps}
     * steps: the h of every step, and for an LSTM one more row holding the final cell state c.
     */
    public int trajectoryLength(int steps) {
        return cell == Cell.LSTM ? steps + 1 : steps;
    }
}
