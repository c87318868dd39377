package dev.strata.layers;

import dev.strata.activations.Activation;
import dev.strata.init.Initializer;
import dev.strata.init.Regularizer;
import dev.strata.ops.Expr;
import dev.strata.ops.Padding;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A 2-D convolution: {@code activation(conv(x, kernel) + bias)}, channels-last as in Keras.
 *
 * <p>Input {@code (None, height, width, channels)} (NHWC); kernel {@code [kh, kw, channels,
 * filters]}; bias {@code [filters]}; output {@code (None, outHeight, outWidth, filters)} with the
 * sizes given by {@link Padding}. Keras's defaults: strides 1, {@code valid} padding, dilation 1,
 * no activation, a bias, Glorot-uniform kernel, zero bias.
 *
 * @param kernelSize       window height and width
 * @param strides          step height and width
 * @param dilationRate     dilation height and width (1: a plain convolution)
 * @param kernelRegularizer null for none
 * @param biasRegularizer   null for none
 */
public record Conv2D(String name, int filters, int[] kernelSize, int[] strides, Padding padding, int[] dilationRate,
                     Activation activation, boolean useBias, Initializer kernelInitializer, Initializer biasInitializer,
                     Regularizer kernelRegularizer, Regularizer biasRegularizer, boolean trainable) implements Layer {

    public Conv2D {
        String what = "Conv2D '" + name + "': ";
        if (filters <= 0) throw new IllegalArgumentException(what + "filters must be positive, got " + filters);
        kernelSize = pair(what + "kernel size", kernelSize);
        strides = strides == null ? new int[] {1, 1} : pair(what + "strides", strides);
        dilationRate = dilationRate == null ? new int[] {1, 1} : pair(what + "dilation rate", dilationRate);
        if (padding == null) padding = Padding.VALID;
        if (padding == Padding.CAUSAL) throw new IllegalArgumentException(what + "padding must be valid or same, got causal (Conv1D only)");
        if (activation == null) activation = Activation.LINEAR;
        if (kernelInitializer == null) kernelInitializer = Initializer.glorotUniform();
        if (biasInitializer == null) biasInitializer = Initializer.zeros();
    }

    /** Keras's defaults with a square window. */
    public static Conv2D of(String name, int filters, int kernelSize, Activation activation) {
        return of(name, filters, new int[] {kernelSize, kernelSize}, activation);
    }

    /** Keras's defaults. */
    public static Conv2D of(String name, int filters, int[] kernelSize, Activation activation) {
        return new Conv2D(name, filters, kernelSize, null, Padding.VALID, null, activation, true, null, null, null, null, true);
    }

    /** This layer with other strides (one value: both axes). */
    public Conv2D withStrides(int... strides) {
        return new Conv2D(name, filters, kernelSize, expand(strides), padding, dilationRate, activation, useBias, kernelInitializer,
                biasInitializer, kernelRegularizer, biasRegularizer, trainable);
    }

    /** This layer with other padding. */
    public Conv2D withPadding(Padding padding) {
        return new Conv2D(name, filters, kernelSize, strides, padding, dilationRate, activation, useBias, kernelInitializer,
                biasInitializer, kernelRegularizer, biasRegularizer, trainable);
    }

    /** This layer with another dilation rate (one value: both axes). */
    public Conv2D withDilation(int... dilationRate) {
        return new Conv2D(name, filters, kernelSize, strides, padding, expand(dilationRate), activation, useBias, kernelInitializer,
                biasInitializer, kernelRegularizer, biasRegularizer, trainable);
    }

    @Override
    public int[] outputShape(List<int[]> inputs) {
        Layer.expectInputs(this, inputs, 1, 1);
        int[] in = inputs.get(0);
        if (in.length != 3) {
            throw new LayerException(this, "expected input of shape (None, height, width, channels), got " + LayerException.show(in)
                    + (in.length == 2 ? "; add a channel axis with Reshape, e.g. to (" + in[0] + ", " + in[1] + ", 1)" : "")
                    + (in.length == 1 ? "; reshape flat images to (height, width, channels) first" : ""));
        }
        return new int[] {size(in, 0), size(in, 1), filters};
    }

    private int size(int[] in, int axis) {
        int out = padding.outputSize(in[axis], kernelSize[axis], strides[axis], dilationRate[axis]);
        if (out <= 0) {
            throw new LayerException(this, "kernel " + kernelSize[0] + "×" + kernelSize[1] + " (dilation " + dilationRate[0] + "×"
                    + dilationRate[1] + ") does not fit input " + LayerException.show(in) + " with padding 'valid'; use padding 'same' or a smaller kernel");
        }
        return out;
    }

    @Override
    public List<WeightSpec> weights(List<int[]> inputs) {
        int channels = inputs.get(0)[2];
        List<WeightSpec> w = new ArrayList<>();
        w.add(new WeightSpec("kernel", new int[] {kernelSize[0], kernelSize[1], channels, filters}, kernelInitializer, kernelRegularizer));
        if (useBias) w.add(new WeightSpec("bias", new int[] {filters}, biasInitializer, biasRegularizer));
        return w;
    }

    @Override
    public Expr call(List<Expr> inputs, LayerWeights weights) {
        Expr bias = useBias ? weights.read("bias") : null;
        return activation.apply(inputs.get(0).conv2d(weights.read("kernel"), bias, strides, dilationRate, padding));
    }

    @Override
    public String activationLabel() {
        return activation.label();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Conv2D c && c.name.equals(name) && c.filters == filters && Arrays.equals(c.kernelSize, kernelSize)
                && Arrays.equals(c.strides, strides) && c.padding == padding && Arrays.equals(c.dilationRate, dilationRate)
                && c.activation.equals(activation) && c.useBias == useBias && c.kernelInitializer.equals(kernelInitializer)
                && c.biasInitializer.equals(biasInitializer) && Objects.equals(c.kernelRegularizer, kernelRegularizer)
                && Objects.equals(c.biasRegularizer, biasRegularizer) && c.trainable == trainable;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, filters, Arrays.hashCode(kernelSize), Arrays.hashCode(strides), padding, Arrays.hashCode(dilationRate), activation);
    }

    @Override
    public String toString() {
        return "Conv2D[name=" + name + ", filters=" + filters + ", kernelSize=" + Arrays.toString(kernelSize) + ", strides="
                + Arrays.toString(strides) + ", padding=" + padding.label() + ", dilationRate=" + Arrays.toString(dilationRate)
                + ", activation=" + activation.label() + ", useBias=" + useBias + "]";
    }

    /** Two positive values (height, width); one value stands for both. */
    static int[] pair(String what, int[] values) {
        if (values == null || values.length < 1 || values.length > 2) {
            throw new IllegalArgumentException(what + " needs 1 or 2 values, got " + (values == null ? "none" : Arrays.toString(values)));
        }
        int[] r = expand(values);
        if (r[0] <= 0 || r[1] <= 0) throw new IllegalArgumentException(what + " must be positive, got " + Arrays.toString(values));
        return r;
    }

    static int[] expand(int[] values) {
        return values != null && values.length == 1 ? new int[] {values[0], values[0]} : values == null ? null : values.clone();
    }
}
