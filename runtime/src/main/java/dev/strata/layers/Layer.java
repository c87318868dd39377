package dev.strata.layers;

import dev.strata.ops.Expr;
import java.util.List;

/**
 * A layer: immutable configuration, shape inference and computation side by side. Its weights are
 * created by the model the first time the layer is applied (from {@link #weights}) and handed back
 * to {@link #call}; applying one layer to several tensors reuses the same weights.
 *
 * <p>Shapes here exclude the batch axis, as in Keras's {@code input_shape}.
 */
public sealed interface Layer
        permits Dense, ActivationLayer, Dropout, Flatten, Reshape, Concatenate, Add, Multiply, Average, ModelLayer,
                Conv1D, Conv2D, MaxPool1D, MaxPool2D, AvgPool1D, AvgPool2D, GlobalAveragePooling1D, GlobalAveragePooling2D,
                BatchNormalization,
                Embedding, SimpleRNN, LSTM, GRU, RecurrentCellLayer, TimeDistributed, Bidirectional, OutputPart,
                ReLU, ThresholdedReLU, PReLU, Permute {

    /** The unique name of the layer within its model. */
    String name();

    /** The Keras-style type shown by {@code summary()}, e.g. "Dense". */
    default String typeName() {
        return getClass().getSimpleName();
    }

    /** Output shape for the given input shapes; throws {@link LayerException} naming the layer and shapes. */
    int[] outputShape(List<int[]> inputs);

    /** The weights this layer needs for the given input shapes (none by default). */
    default List<WeightSpec> weights(List<int[]> inputs) {
        return List.of();
    }

    /** The computation, given expressions for the inputs (batch axis first) and the layer's weights. */
    Expr call(List<Expr> inputs, LayerWeights weights);

    /** Whether the layer's weights start trainable. */
    default boolean trainable() {
        return true;
    }

    /** The activation, for layer details ("linear" where none applies). */
    default String activationLabel() {
        return "linear";
    }

    /** Checks the number of inputs; shared by every layer's shape rule. */
    static void expectInputs(Layer layer, List<int[]> inputs, int min, int max) {
        if (inputs.size() < min || inputs.size() > max) {
            String want = min == max ? Integer.toString(min) : (max == Integer.MAX_VALUE ? "at least " + min : min + " to " + max);
            throw new LayerException(layer, "expected " + want + " input(s), got " + inputs.size());
        }
    }
}
