package dev.strata.layers;

import dev.strata.activations.Activation;
import dev.strata.init.Initializer;
import dev.strata.init.Regularizer;
import dev.strata.ops.Recurrence;
import java.util.ArrayList;
import java.util.List;

/**
 * Gated recurrent unit over (batch, time, features), Keras's {@code GRU}: gates z, r, h with weights
 * kernel [features, 3·units] and recurrent_kernel [units, 3·units]. With {@code resetAfter} (Keras
 * 2's default) the reset gate multiplies h·U + b_h and the bias is [2, 3·units] (input bias, then
 * recurrent bias); without it, the reset gate multiplies h before the product and the bias is [3·units].
 * An optional second input is the initial state (batch, units).
 *
 * <p>Outputs as for {@link LSTM}; the only state is h.
 *
 * @param kernelRegularizer    null for none
 * @param recurrentRegularizer null for none
 * @param biasRegularizer      null for none
 */
public record GRU(String name, int units, Activation activation, Activation recurrentActivation, boolean useBias,
                  Initializer kernelInitializer, Initializer recurrentInitializer, Initializer biasInitializer,
                  Regularizer kernelRegularizer, Regularizer recurrentRegularizer, Regularizer biasRegularizer,
                  boolean resetAfter, boolean returnSequences, boolean returnState, boolean trainable)
        implements Layer, RecurrentLayer, MultiOutput, RecurrentCellLayer {

    public GRU {
        Recurrent.checkUnits("GRU", name, units);
        Recurrent.checkActivation("GRU", name, "activation", activation);
        Recurrent.checkActivation("GRU", name, "recurrent activation", recurrentActivation);
    }

    /**
     * Keras's defaults: tanh, sigmoid gates, a Glorot-uniform input kernel and an orthogonal recurrent kernel,
     * zero bias, reset after, the last step's output only.
     */
    public static GRU of(String name, int units) {
        return new GRU(name, units, Activation.TANH, Activation.SIGMOID, true, Initializer.glorotUniform(), Initializer.orthogonal(),
                Initializer.zeros(), null, null, null, true, false, false, true);
    }

    /** This layer returning every step's output, or only the last. */
    public GRU withReturnSequences(boolean value) {
        return new GRU(name, units, activation, recurrentActivation, useBias, kernelInitializer, recurrentInitializer, biasInitializer,
                kernelRegularizer, recurrentRegularizer, biasRegularizer, resetAfter, value, returnState, trainable);
    }

    /** This layer returning its final state after the output (packed; see {@link #outputParts}). */
    public GRU withReturnState(boolean value) {
        return new GRU(name, units, activation, recurrentActivation, useBias, kernelInitializer, recurrentInitializer, biasInitializer,
                kernelRegularizer, recurrentRegularizer, biasRegularizer, resetAfter, returnSequences, value, trainable);
    }

    @Override
    public Recurrence cell(boolean reverse) {
        return new Recurrence(resetAfter ? Recurrence.Cell.GRU : Recurrence.Cell.GRU_RESET_BEFORE, activation.label(), activation.alpha(),
                recurrentActivation.label(), recurrentActivation.alpha(), reverse);
    }

    @Override
    public List<WeightSpec> cellWeights(int features) {
        List<WeightSpec> w = new ArrayList<>();
        w.add(new WeightSpec("kernel", new int[] {features, 3 * units}, kernelInitializer, kernelRegularizer));
        w.add(new WeightSpec("recurrent_kernel", new int[] {units, 3 * units}, recurrentInitializer, recurrentRegularizer));
        if (useBias) {
            int[] shape = resetAfter ? new int[] {2, 3 * units} : new int[] {3 * units};
            w.add(new WeightSpec("bias", shape, biasInitializer, biasRegularizer));
        }
        return w;
    }
}
