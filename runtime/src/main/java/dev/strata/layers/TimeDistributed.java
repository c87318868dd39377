package dev.strata.layers;

import dev.strata.ops.Expr;
import java.util.Arrays;
import java.util.List;

/**
 * Applies a layer — or a whole model ({@link ModelLayer}) — to every time step of a sequence,
 * Keras's {@code TimeDistributed}: input (batch, time, ...) and output (batch, time, inner output).
 * The steps are folded into the batch, so the inner layer runs once on (batch·time, ...). The
 * weights are the inner layer's (one set for all steps), stored under this layer's name; a wrapped
 * model keeps sharing the model's own weights.
 */
public record TimeDistributed(String name, Layer layer) implements Layer {
    public TimeDistributed {
        if (layer instanceof TimeDistributed || layer instanceof OutputPart) {
            throw new IllegalArgumentException("TimeDistributed '" + name + "' cannot wrap a " + layer.typeName() + " layer");
        }
    }

    private int[] step(List<int[]> inputs) {
        Layer.expectInputs(this, inputs, 1, 1);
        int[] in = inputs.get(0);
        if (in.length < 2) {
            throw new LayerException(this, "expected input of shape (None, time, ...), got " + LayerException.show(in));
        }
        return Arrays.copyOfRange(in, 1, in.length);
    }

    @Override
    public int[] outputShape(List<int[]> inputs) {
        int[] in = inputs.isEmpty() ? null : inputs.get(0);
        int[] inner;
        try {
            inner = layer.outputShape(List.of(step(inputs)));
        } catch (LayerException e) {
            if (e.layerName.equals(name)) throw e;
            throw new LayerException(this, "at each of the " + in[0] + " steps of " + LayerException.show(in) + ": " + e.getMessage());
        }
        int[] out = new int[inner.length + 1];
        out[0] = in[0];
        System.arraycopy(inner, 0, out, 1, inner.length);
        return out;
    }

    @Override
    public List<WeightSpec> weights(List<int[]> inputs) {
        return layer.weights(List.of(step(inputs)));
    }

    @Override
    public Expr call(List<Expr> inputs, LayerWeights weights) {
        Expr x = inputs.get(0);
        int steps = x.shape()[1];
        Expr y = layer.call(List.of(x.foldTime()), weights);
        return y.unfoldTime(steps);
    }

    @Override
    public boolean trainable() {
        return layer.trainable();
    }

    @Override
    public String activationLabel() {
        return layer.activationLabel();
    }
}
