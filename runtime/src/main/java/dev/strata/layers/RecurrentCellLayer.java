package dev.strata.layers;

import dev.strata.activations.Activation;
import dev.strata.ops.Expr;
import java.util.List;

/**
 * The layer side {@link SimpleRNN}, {@link LSTM} and {@link GRU} share: shapes, weights and
 * computation follow from their cell ({@link RecurrentLayer}) through {@link Recurrent}. Internal.
 */
sealed interface RecurrentCellLayer extends Layer, RecurrentLayer, MultiOutput permits SimpleRNN, LSTM, GRU {
    /** The activation of the cell's output. */
    Activation activation();

    @Override
    String name();

    @Override
    boolean trainable();

    @Override
    default int[] outputShape(List<int[]> inputs) {
        return Recurrent.outputShape(this, this, inputs);
    }

    @Override
    default List<WeightSpec> weights(List<int[]> inputs) {
        return cellWeights(inputs.get(0)[1]);
    }

    @Override
    default Expr call(List<Expr> inputs, LayerWeights weights) {
        return Recurrent.call(this, inputs, weights);
    }

    @Override
    default List<OutputPart> outputParts(List<int[]> inputs) {
        return Recurrent.outputParts(this, inputs);
    }

    @Override
    default String activationLabel() {
        return activation().label();
    }
}
