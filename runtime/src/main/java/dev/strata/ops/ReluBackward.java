package dev.strata.ops;

/**
 * How ReLU kernels pass gradients back: the true derivative for training, or one of the modified
 * rules that saliency methods use (Springenberg et al. 2015; keras-vis's {@code backprop_modifier}).
 * Set on a plan with {@link Plan#reluBackward(ReluBackward)}; it applies to every ReLU of the plan,
 * including the activation of Dense and Conv layers.
 */
public enum ReluBackward {
    /** The derivative: the gradient passes where the forward input was positive. */
    STANDARD,
    /** Guided backpropagation: only positive gradients pass, and only where the forward input was positive. */
    GUIDED,
    /** The deconvnet rule (keras-vis's 'relu' modifier): positive gradients pass whatever the forward input. */
    RECTIFIED
}
