package dev.strata.layers;

import dev.strata.ops.Recurrence;
import java.util.List;

/**
 * What {@link SimpleRNN}, {@link LSTM} and {@link GRU} share, so that {@link Bidirectional} can run
 * any of them both ways. Inputs are (batch, time, features), optionally followed by initial states
 * (batch, units) each.
 */
public interface RecurrentLayer {
    /** The layer's name. */
    String name();

    /** Size of the state (and of the output at each step). */
    int units();

    /** Whether the cell has a bias. */
    boolean useBias();

    /** True: the output at every step (batch, time, units); false: the last step's (batch, units). */
    boolean returnSequences();

    /** True: the output is followed by the final states (see {@link OutputPart}). */
    boolean returnState();

    /** Whether the weights start trainable. */
    boolean trainable();

    /** The cell run forwards or backwards over time. */
    Recurrence cell(boolean reverse);

    /** kernel, recurrent_kernel and (when used) bias for inputs with {@code features} features, in Keras's layouts. */
    List<WeightSpec> cellWeights(int features);

    /** Names of the state tensors: {@code state_h} (and {@code state_c} for an LSTM). */
    default List<String> stateNames() {
        return cell(false).cell() == Recurrence.Cell.LSTM ? List.of("state_h", "state_c") : List.of("state_h");
    }
}
