package dev.strata.layers;

import dev.strata.activations.Activation;
import dev.strata.init.Initializer;
import dev.strata.init.Regularizer;
import dev.strata.ops.Recurrence;
import java.util.ArrayList;
import java.util.List;

/**
 * Long short-term memory over (batch, time, features), Keras's {@code LSTM}: gates i, f, c, o with
 * weights kernel [features, 4·units], recurrent_kernel [units, 4·units] and bias [4·units].
 * Optional inputs after the sequence: the initial states h and c, (batch, units) each.
 *
 * <p>The output is the last step's h (batch, units), or every step's (batch, time, units) with
 * {@code returnSequences}. With {@code returnState} the output and the final h and c are packed into
 * one tensor: take them apart with {@link #outputParts}.
 *
 * @param unitForgetBias       add one to the forget gate's bias at initialization (Keras's default)
 * @param kernelRegularizer    null for none
 * @param recurrentRegularizer null for none
 * @param biasRegularizer      null for none
 */
public record LSTM(String name, int units, Activation activation, Activation recurrentActivation, boolean useBias,
                   Initializer kernelInitializer, Initializer recurrentInitializer, Initializer biasInitializer,
                   boolean unitForgetBias, Regularizer kernelRegularizer, Regularizer recurrentRegularizer,
                   Regularizer biasRegularizer, boolean returnSequences, boolean returnState, boolean trainable)
        implements Layer, RecurrentLayer, MultiOutput, RecurrentCellLayer {

    public LSTM {
        Recurrent.checkUnits("LSTM", name, units);
        Recurrent.checkActivation("LSTM", name, "activation", activation);
        Recurrent.checkActivation("LSTM", name, "recurrent activation", recurrentActivation);
    }

    /**
     * Keras's defaults: tanh, sigmoid gates, a Glorot-uniform input kernel and an orthogonal recurrent
     * kernel, zero bias with unit forget bias, the last step's output only.
     */
    public static LSTM of(String name, int units) {
        return new LSTM(name, units, Activation.TANH, Activation.SIGMOID, true, Initializer.glorotUniform(), Initializer.orthogonal(),
                Initializer.zeros(), true, null, null, null, false, false, true);
    }

    /** This layer returning every step's output, or only the last. */
    public LSTM withReturnSequences(boolean value) {
        return new LSTM(name, units, activation, recurrentActivation, useBias, kernelInitializer, recurrentInitializer, biasInitializer,
                unitForgetBias, kernelRegularizer, recurrentRegularizer, biasRegularizer, value, returnState, trainable);
    }

    /** This layer returning its final states after the output (packed; see {@link #outputParts}). */
    public LSTM withReturnState(boolean value) {
        return new LSTM(name, units, activation, recurrentActivation, useBias, kernelInitializer, recurrentInitializer, biasInitializer,
                unitForgetBias, kernelRegularizer, recurrentRegularizer, biasRegularizer, returnSequences, value, trainable);
    }

    @Override
    public Recurrence cell(boolean reverse) {
        return new Recurrence(Recurrence.Cell.LSTM, activation.label(), activation.alpha(), recurrentActivation.label(),
                recurrentActivation.alpha(), reverse);
    }

    @Override
    public List<WeightSpec> cellWeights(int features) {
        List<WeightSpec> w = new ArrayList<>();
        w.add(new WeightSpec("kernel", new int[] {features, 4 * units}, kernelInitializer, kernelRegularizer));
        w.add(new WeightSpec("recurrent_kernel", new int[] {units, 4 * units}, recurrentInitializer, recurrentRegularizer));
        if (useBias) {
            Initializer b = unitForgetBias ? Recurrent.withForgetBias(biasInitializer, units, name) : biasInitializer;
            w.add(new WeightSpec("bias", new int[] {4 * units}, b, biasRegularizer));
        }
        return w;
    }
}
