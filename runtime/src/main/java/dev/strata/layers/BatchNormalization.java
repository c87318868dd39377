package dev.strata.layers;

import dev.strata.init.Initializer;
import dev.strata.init.Regularizer;
import dev.strata.ops.Expr;
import java.util.ArrayList;
import java.util.List;

/**
 * Batch normalization over the last axis (channels of a channels-last tensor, features of a
 * vector), Keras's {@code BatchNormalization(axis=-1)}:
 * {@code y = gamma · (x − mean) / sqrt(variance + epsilon) + beta}.
 *
 * <p>In training, mean and variance are the batch's and the moving statistics follow them:
 * {@code moving ← momentum · moving + (1 − momentum) · batch}. At inference (predict, evaluate)
 * the moving statistics are used. A frozen layer ({@code trainable = false}, or
 * {@code model.setTrainable(name, false)}) always uses the moving statistics, as in Keras.
 *
 * <p>Weights, in Keras's order: {@code gamma} and {@code beta} (trainable, when {@code scale} and
 * {@code center}), {@code moving_mean} and {@code moving_variance} (never trainable; saved with the
 * model). Keras's defaults: momentum 0.99, epsilon 0.001, center and scale, gamma ones, beta zeros,
 * moving mean zeros, moving variance ones.
 *
 * @param betaRegularizer  null for none
 * @param gammaRegularizer null for none
 */
public record BatchNormalization(String name, double momentum, double epsilon, boolean center, boolean scale,
                                 Initializer betaInitializer, Initializer gammaInitializer,
                                 Initializer movingMeanInitializer, Initializer movingVarianceInitializer,
                                 Regularizer betaRegularizer, Regularizer gammaRegularizer, boolean trainable) implements Layer {

    public BatchNormalization {
        String what = "BatchNormalization '" + name + "': ";
        if (!(momentum >= 0 && momentum <= 1)) throw new IllegalArgumentException(what + "momentum must be in [0, 1], got " + momentum);
        if (!(epsilon > 0)) throw new IllegalArgumentException(what + "epsilon must be positive, got " + epsilon);
        if (betaInitializer == null) betaInitializer = Initializer.zeros();
        if (gammaInitializer == null) gammaInitializer = Initializer.ones();
        if (movingMeanInitializer == null) movingMeanInitializer = Initializer.zeros();
        if (movingVarianceInitializer == null) movingVarianceInitializer = Initializer.ones();
    }

    /** Keras's defaults. */
    public static BatchNormalization of(String name) {
        return new BatchNormalization(name, 0.99, 1e-3, true, true, null, null, null, null, null, null, true);
    }

    /** Keras's defaults with another momentum and epsilon. */
    public static BatchNormalization of(String name, double momentum, double epsilon) {
        return new BatchNormalization(name, momentum, epsilon, true, true, null, null, null, null, null, null, true);
    }

    @Override
    public int[] outputShape(List<int[]> inputs) {
        Layer.expectInputs(this, inputs, 1, 1);
        int[] in = inputs.get(0);
        if (in.length < 1) throw new LayerException(this, "expected input of shape (None, ..., channels), got " + LayerException.show(in));
        return in.clone();
    }

    @Override
    public List<WeightSpec> weights(List<int[]> inputs) {
        int[] in = inputs.get(0);
        int[] c = {in[in.length - 1]};
        List<WeightSpec> w = new ArrayList<>();
        if (scale) w.add(new WeightSpec("gamma", c, gammaInitializer, gammaRegularizer));
        if (center) w.add(new WeightSpec("beta", c, betaInitializer, betaRegularizer));
        w.add(new WeightSpec("moving_mean", c, movingMeanInitializer, null, false));
        w.add(new WeightSpec("moving_variance", c, movingVarianceInitializer, null, false));
        return w;
    }

    @Override
    public Expr call(List<Expr> inputs, LayerWeights weights) {
        Expr gamma = scale ? weights.read("gamma") : null;
        Expr beta = center ? weights.read("beta") : null;
        // Frozen or not is read from gamma and beta at run time (so setTrainable works); without them, from the config.
        return inputs.get(0).batchNorm(gamma, beta, weights.read("moving_mean"), weights.read("moving_variance"),
                momentum, epsilon, !trainable && !scale && !center);
    }
}
