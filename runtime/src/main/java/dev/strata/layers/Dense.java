package dev.strata.layers;

import dev.strata.activations.Activation;
import dev.strata.init.Initializer;
import dev.strata.init.Regularizer;
import dev.strata.ops.Expr;
import java.util.ArrayList;
import java.util.List;

/**
 * A fully connected layer: {@code activation(x · kernel + bias)} on inputs of shape (batch, features).
 *
 * @param kernelRegularizer null for none
 * @param biasRegularizer   null for none
 */
public record Dense(String name, int units, Activation activation, boolean useBias, Initializer kernelInitializer,
                    Initializer biasInitializer, Regularizer kernelRegularizer, Regularizer biasRegularizer,
                    boolean trainable) implements Layer {

    public Dense {
        if (units <= 0) throw new IllegalArgumentException("Dense '" + name + "': units must be positive, got " + units);
    }

    /** Keras's defaults: Glorot-uniform kernel, zero bias, no penalty. */
    public static Dense of(String name, int units, Activation activation) {
        return new Dense(name, units, activation, true, Initializer.glorotUniform(), Initializer.zeros(), null, null, true);
    }

    @Override
    public int[] outputShape(List<int[]> inputs) {
        Layer.expectInputs(this, inputs, 1, 1);
        int[] in = inputs.get(0);
        if (in.length != 1) {
            throw new LayerException(this, "expected input of shape (None, features), got " + LayerException.show(in)
                    + "; add a Flatten layer first, or wrap the layer in TimeDistributed for sequences");
        }
        return new int[] {units};
    }

    @Override
    public List<WeightSpec> weights(List<int[]> inputs) {
        List<WeightSpec> w = new ArrayList<>();
        w.add(new WeightSpec("kernel", new int[] {inputs.get(0)[0], units}, kernelInitializer, kernelRegularizer));
        if (useBias) w.add(new WeightSpec("bias", new int[] {units}, biasInitializer, biasRegularizer));
        return w;
    }

    @Override
    public Expr call(List<Expr> inputs, LayerWeights weights) {
        Expr x = inputs.get(0);
        Expr z = useBias ? x.affine(weights.read("kernel"), weights.read("bias")) : x.matmul(weights.read("kernel"));
        return activation.apply(z);
    }

    @Override
    public String activationLabel() {
        return activation.label();
    }
}
