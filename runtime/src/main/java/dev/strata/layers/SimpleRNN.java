package dev.strata.layers;

import dev.strata.activations.Activation;
import dev.strata.init.Initializer;
import dev.strata.init.Regularizer;
import dev.strata.ops.Recurrence;
import java.util.ArrayList;
import java.util.List;

/**
 * A fully connected recurrent layer over (batch, time, features), Keras's {@code SimpleRNN}:
 * h = activation(x·kernel + h·recurrent_kernel + bias), kernel [features, units], recurrent_kernel
 * [units, units], bias [units]. An optional second input is the initial state (batch, units).
 *
 * <p>Outputs as for {@link LSTM}; the only state is h.
 *
 * @param kernelRegularizer    null for none
 * @param recurrentRegularizer null for none
 * @param biasRegularizer      null for none
 */
public record SimpleRNN(String name, int units, Activation activation, boolean useBias, Initializer kernelInitializer,
                        Initializer recurrentInitializer, Initializer biasInitializer, Regularizer kernelRegularizer,
                        Regularizer recurrentRegularizer, Regularizer biasRegularizer, boolean returnSequences,
                        boolean returnState, boolean trainable) implements Layer, RecurrentLayer, MultiOutput, RecurrentCellLayer {

    public SimpleRNN {
        Recurrent.checkUnits("SimpleRNN", name, units);
        Recurrent.checkActivation("SimpleRNN", name, "activation", activation);
    }

    /** Keras's defaults: tanh, a Glorot-uniform input kernel and an orthogonal recurrent kernel, zero bias, the last step's output only. */
    public static SimpleRNN of(String name, int units) {
        return new SimpleRNN(name, units, Activation.TANH, true, Initializer.glorotUniform(), Initializer.orthogonal(),
                Initializer.zeros(), null, null, null, false, false, true);
    }

    /** This layer returning every step's output, or only the last. */
    public SimpleRNN withReturnSequences(boolean value) {
        return new SimpleRNN(name, units, activation, useBias, kernelInitializer, recurrentInitializer, biasInitializer,
                kernelRegularizer, recurrentRegularizer, biasRegularizer, value, returnState, trainable);
    }

    /** This layer returning its final state after the output (packed; see {@link #outputParts}). */
    public SimpleRNN withReturnState(boolean value) {
        return new SimpleRNN(name, units, activation, useBias, kernelInitializer, recurrentInitializer, biasInitializer,
                kernelRegularizer, recurrentRegularizer, biasRegularizer, returnSequences, value, trainable);
    }

    @Override
    public Recurrence cell(boolean reverse) {
        return new Recurrence(Recurrence.Cell.SIMPLE, activation.label(), activation.alpha(), "sigmoid", 0, reverse);
    }

    @Override
    public List<WeightSpec> cellWeights(int features) {
        List<WeightSpec> w = new ArrayList<>();
        w.add(new WeightSpec("kernel", new int[] {features, units}, kernelInitializer, kernelRegularizer));
        w.add(new WeightSpec("recurrent_kernel", new int[] {units, units}, recurrentInitializer, recurrentRegularizer));
        if (useBias) w.add(new WeightSpec("bias", new int[] {units}, biasInitializer, biasRegularizer));
        return w;
    }
}
