package dev.strata.layers;

import dev.strata.activations.Activation;
import dev.strata.init.Initializer;
import dev.strata.init.Regularizer;
import dev.strata.ops.Expr;
import dev.strata.ops.Padding;
import java.util.ArrayList;
import java.util.List;

/**
 * A 1-D (temporal) convolution: {@code activation(conv(x, kernel) + bias)}, channels-last as in
 * Keras.
 *
 * <p>Input {@code (None, steps, channels)} (NWC); kernel {@code [kernelSize, channels, filters]};
 * bias {@code [filters]}; output {@code (None, outSteps, filters)}. Padding may be {@code valid},
 * {@code same} or {@code causal} (output step t sees input steps up to t only). Keras's defaults:
 * stride 1, {@code valid} padding, dilation 1, no activation, a bias, Glorot-uniform kernel, zero bias.
 *
 * @param kernelRegularizer null for none
 * @param biasRegularizer   null for none
 */
public record Conv1D(String name, int filters, int kernelSize, int strides, Padding padding, int dilationRate,
                     Activation activation, boolean useBias, Initializer kernelInitializer, Initializer biasInitializer,
                     Regularizer kernelRegularizer, Regularizer biasRegularizer, boolean trainable) implements Layer {

    public Conv1D {
        String what = "Conv1D '" + name + "': ";
        if (filters <= 0) throw new IllegalArgumentException(what + "filters must be positive, got " + filters);
        if (kernelSize <= 0) throw new IllegalArgumentException(what + "kernel size must be positive, got " + kernelSize);
        if (strides <= 0) throw new IllegalArgumentException(what + "strides must be positive, got " + strides);
        if (dilationRate <= 0) throw new IllegalArgumentException(what + "dilation rate must be positive, got " + dilationRate);
        if (padding == null) padding = Padding.VALID;
        if (activation == null) activation = Activation.LINEAR;
        if (kernelInitializer == null) kernelInitializer = Initializer.glorotUniform();
        if (biasInitializer == null) biasInitializer = Initializer.zeros();
    }

    /** Keras's defaults. */
    public static Conv1D of(String name, int filters, int kernelSize, Activation activation) {
        return new Conv1D(name, filters, kernelSize, 1, Padding.VALID, 1, activation, true, null, null, null, null, true);
    }

    /** This layer with another stride. */
    public Conv1D withStrides(int strides) {
        return new Conv1D(name, filters, kernelSize, strides, padding, dilationRate, activation, useBias, kernelInitializer,
                biasInitializer, kernelRegularizer, biasRegularizer, trainable);
    }

    /** This layer with other padding. */
    public Conv1D withPadding(Padding padding) {
        return new Conv1D(name, filters, kernelSize, strides, padding, dilationRate, activation, useBias, kernelInitializer,
                biasInitializer, kernelRegularizer, biasRegularizer, trainable);
    }

    /** This layer with another dilation rate. */
    public Conv1D withDilation(int dilationRate) {
        return new Conv1D(name, filters, kernelSize, strides, padding, dilationRate, activation, useBias, kernelInitializer,
                biasInitializer, kernelRegularizer, biasRegularizer, trainable);
    }

    @Override
    public int[] outputShape(List<int[]> inputs) {
        Layer.expectInputs(this, inputs, 1, 1);
        int[] in = inputs.get(0);
        if (in.length != 2) {
            throw new LayerException(this, "expected input of shape (None, steps, channels), got " + LayerException.show(in)
                    + (in.length == 1 ? "; add a channel axis with Reshape, e.g. to (" + in[0] + ", 1)" : ""));
        }
        int steps = padding.outputSize(in[0], kernelSize, strides, dilationRate);
        if (steps <= 0) {
            throw new LayerException(this, "kernel size " + kernelSize + " (dilation " + dilationRate + ") does not fit input "
                    + LayerException.show(in) + " with padding 'valid'; use padding 'same' or 'causal', or a smaller kernel");
        }
        return new int[] {steps, filters};
    }

    @Override
    public List<WeightSpec> weights(List<int[]> inputs) {
        List<WeightSpec> w = new ArrayList<>();
        w.add(new WeightSpec("kernel", new int[] {kernelSize, inputs.get(0)[1], filters}, kernelInitializer, kernelRegularizer));
        if (useBias) w.add(new WeightSpec("bias", new int[] {filters}, biasInitializer, biasRegularizer));
        return w;
    }

    @Override
    public Expr call(List<Expr> inputs, LayerWeights weights) {
        Expr bias = useBias ? weights.read("bias") : null;
        return activation.apply(inputs.get(0).conv1d(weights.read("kernel"), bias, strides, dilationRate, padding));
    }

    @Override
    public String activationLabel() {
        return activation.label();
    }
}
