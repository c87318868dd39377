package dev.strata.layers;

import java.util.List;

/**
 * A layer that can return several tensors (a recurrent layer with {@code returnState}). The graph
 * carries one tensor per node, so such a layer returns its outputs packed into one (batch, n)
 * tensor — each part flattened, in order — and {@link OutputPart} layers take the parts out again:
 *
 * <pre>{@code
 * TensorRef packed = b.apply(lstm, x);                  // lstm.returnState() == true
 * List<TensorRef> outs = new ArrayList<>();
 * for (OutputPart p : lstm.outputParts(List.of(x.shape()))) outs.add(b.apply(p, packed));
 * // outs: output, state_h, state_c
 * }</pre>
 */
public interface MultiOutput {
    /**
     * Layers extracting each output from the packed tensor, named {@code <layer>_<part>} (e.g.
     * {@code lstm_output}, {@code lstm_state_h}, {@code lstm_state_c}); empty when the layer
     * returns a single tensor (no states).
     */
    List<OutputPart> outputParts(List<int[]> inputs);
}
