package dev.strata.layers;

import dev.strata.init.Initializer;
import dev.strata.init.Regularizer;
import dev.strata.ops.Expr;
import java.util.Arrays;
import java.util.List;

/**
 * Parametric ReLU, Keras's {@code PReLU}: {@code max(x, 0) + alpha · min(x, 0)} with a learned
 * {@code alpha} of the input's shape (batch excluded), size 1 along the {@code sharedAxes}
 * (1-based, as in Keras: {@code sharedAxes = [1, 2]} shares one alpha per channel of an image).
 *
 * @param sharedAxes      1-based axes sharing one alpha; empty for none
 * @param alphaRegularizer null for none
 */
public record PReLU(String name, int[] sharedAxes, Initializer alphaInitializer, Regularizer alphaRegularizer, boolean trainable)
        implements Layer {
    public PReLU {
        sharedAxes = sharedAxes == null ? new int[0] : sharedAxes.clone();
        if (alphaInitializer == null) alphaInitializer = Initializer.zeros();
    }

    /** Keras's defaults: alpha zeros, no shared axes. */
    public static PReLU of(String name) {
        return new PReLU(name, null, null, null, true);
    }

    private int[] alphaShape(int[] in) {
        int[] shape = in.clone();
        for (int a : sharedAxes) {
            if (a < 1 || a > in.length) {
                throw new LayerException(this, "shared axis " + a + " is outside input " + LayerException.show(in) + " (axes 1.." + in.length + ")");
            }
            shape[a - 1] = 1;
        }
        return shape;
    }

    @Override
    public int[] outputShape(List<int[]> inputs) {
        Layer.expectInputs(this, inputs, 1, 1);
        alphaShape(inputs.get(0));
        return inputs.get(0).clone();
    }

    @Override
    public List<WeightSpec> weights(List<int[]> inputs) {
        return List.of(new WeightSpec("alpha", alphaShape(inputs.get(0)), alphaInitializer, alphaRegularizer));
    }

    @Override
    public Expr call(List<Expr> inputs, LayerWeights weights) {
        Expr x = inputs.get(0);
        Expr positive = x.relu(Double.POSITIVE_INFINITY, 0, 0);
        return positive.plus(weights.read("alpha").times(x.minus(positive)));
    }

    @Override
    public String activationLabel() {
        return "prelu";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PReLU p && p.name.equals(name) && Arrays.equals(p.sharedAxes, sharedAxes)
                && p.alphaInitializer.equals(alphaInitializer) && java.util.Objects.equals(p.alphaRegularizer, alphaRegularizer)
                && p.trainable == trainable;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(sharedAxes);
    }
}
