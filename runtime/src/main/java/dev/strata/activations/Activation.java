package dev.strata.activations;

import dev.strata.ops.Expr;

/**
 * An element-wise activation function. Use the constants ({@link #RELU}, {@link #SIGMOID}, …) or
 * the factories for parameterised ones ({@link #leakyRelu(double)}, {@link #elu(double)}).
 *
 * @param kind  which function
 * @param alpha its parameter (ELU and leaky ReLU), otherwise 0
 */
public record Activation(Kind kind, double alpha) {
    /** The supported functions. */
    public enum Kind { LINEAR, SIGMOID, TANH, RELU, ELU, LEAKY_RELU, SELU, SOFTPLUS, SOFTMAX, BINARY_STEP }

    public static final Activation LINEAR = new Activation(Kind.LINEAR, 0);
    public static final Activation SIGMOID = new Activation(Kind.SIGMOID, 0);
    public static final Activation TANH = new Activation(Kind.TANH, 0);
    public static final Activation RELU = new Activation(Kind.RELU, 0);
    public static final Activation ELU = new Activation(Kind.ELU, 1.0);
    public static final Activation SELU = new Activation(Kind.SELU, 0);
    public static final Activation SOFTPLUS = new Activation(Kind.SOFTPLUS, 0);
    public static final Activation SOFTMAX = new Activation(Kind.SOFTMAX, 0);
    /** Heaviside step: 1 where x &gt; 0. For perceptron demos; it has no gradient. */
    public static final Activation BINARY_STEP = new Activation(Kind.BINARY_STEP, 0);
    /** Leaky ReLU with Keras's default slope 0.3. */
    public static final Activation LEAKY_RELU = new Activation(Kind.LEAKY_RELU, 0.3);

    /** ELU with the given alpha. */
    public static Activation elu(double alpha) {
        return new Activation(Kind.ELU, alpha);
    }

    /** Leaky ReLU with slope {@code alpha} below zero. */
    public static Activation leakyRelu(double alpha) {
        return new Activation(Kind.LEAKY_RELU, alpha);
    }

    /** Looks up a function by its Keras name ("relu", "leaky_relu", …). */
    public static Activation named(String name) {
        return switch (name.toLowerCase().replace("-", "_")) {
            case "linear", "identity", "none" -> LINEAR;
            case "sigmoid" -> SIGMOID;
            case "tanh" -> TANH;
            case "relu" -> RELU;
            case "elu" -> ELU;
            case "leaky_relu", "leakyrelu" -> LEAKY_RELU;
            case "selu" -> SELU;
            case "softplus" -> SOFTPLUS;
            case "softmax" -> SOFTMAX;
            case "binary_step", "step" -> BINARY_STEP;
            default -> throw new IllegalArgumentException("unknown activation '" + name
                    + "': expected one of linear, sigmoid, tanh, relu, elu, leaky_relu, selu, softplus, softmax, binary_step");
        };
    }

    /** Applies the function to an expression. */
    public Expr apply(Expr x) {
        return switch (kind) {
            case LINEAR -> x;
            case SIGMOID -> x.sigmoid();
            case TANH -> x.tanh();
            case RELU -> x.relu();
            case ELU -> x.elu(alpha);
            case LEAKY_RELU -> x.leakyRelu(alpha);
            case SELU -> x.selu();
            case SOFTPLUS -> x.softplus();
            case SOFTMAX -> x.softmax();
            case BINARY_STEP -> x.step();
        };
    }

    /** The Keras name, e.g. "relu". */
    public String label() {
        return kind.name().toLowerCase();
    }
}
