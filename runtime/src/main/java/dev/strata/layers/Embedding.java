package dev.strata.layers;

import dev.strata.init.Initializer;
import dev.strata.init.Regularizer;
import dev.strata.ops.Expr;
import java.util.List;

/**
 * Turns integer ids into dense vectors, Keras's {@code Embedding}: input (batch, time) of ids in
 * [0, inputDim), given as numbers; output (batch, time, outputDim). The weight {@code embeddings}
 * is [inputDim, outputDim]; the gradient reaches the table only (ids are not differentiable).
 *
 * @param embeddingsRegularizer null for none
 */
public record Embedding(String name, int inputDim, int outputDim, Initializer embeddingsInitializer,
                        Regularizer embeddingsRegularizer, boolean trainable) implements Layer {

    public Embedding {
        if (inputDim <= 0 || outputDim <= 0) {
            throw new IllegalArgumentException("Embedding '" + name + "': inputDim and outputDim must be positive, got "
                    + inputDim + " and " + outputDim);
        }
    }

    /** Keras's defaults: embeddings drawn uniformly from [−0.05, 0.05). */
    public static Embedding of(String name, int inputDim, int outputDim) {
        return new Embedding(name, inputDim, outputDim, new Initializer.RandomUniform(-0.05, 0.05), null, true);
    }

    @Override
    public int[] outputShape(List<int[]> inputs) {
        Layer.expectInputs(this, inputs, 1, 1);
        int[] in = inputs.get(0);
        if (in.length < 1) throw new LayerException(this, "expected ids of shape (None, time), got " + LayerException.show(in));
        int[] out = java.util.Arrays.copyOf(in, in.length + 1);
        out[in.length] = outputDim;
        return out;
    }

    @Override
    public List<WeightSpec> weights(List<int[]> inputs) {
        return List.of(new WeightSpec("embeddings", new int[] {inputDim, outputDim}, embeddingsInitializer, embeddingsRegularizer));
    }

    @Override
    public Expr call(List<Expr> inputs, LayerWeights weights) {
        return weights.read("embeddings").embeddingLookup(inputs.get(0));
    }
}
