package dev.strata.activations;

import dev.strata.ops.Expr;

/**
 * An element-wise activation function. Use the constants ({@link #RELU}, {@link #SIGMOID}, …) or
 * the factories for parameterised ones ({@link #leakyRelu(double)}, {@link #elu(double)}).
 *
 * @param kind  which function
 * @param alpha its parameter (ELU and leaky ReLU; the slope of hard sigmoid), otherwise 0
 */
public record Activation(Kind kind, double alpha) {
    /** The supported functions. */
    public enum Kind { LINEAR, SIGMOID, TANH, RELU, ELU, LEAKY_RELU, SELU, SOFTPLUS, SOFTMAX, BINARY_STEP,
        HARD_SIGMOID, SOFTSIGN, SWISH, EXPONENTIAL, RELU6, MISH }

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

    /** Keras 2's hard sigmoid, {@code clip(0.2·x + 0.5, 0, 1)} (Keras 3's has slope 1/6: {@link #hardSigmoid(double)}). */
    public static final Activation HARD_SIGMOID = new Activation(Kind.HARD_SIGMOID, 0.2);
    /** {@code x / (1 + |x|)}. */
    public static final Activation SOFTSIGN = new Activation(Kind.SOFTSIGN, 0);
    /** Swish (SiLU), {@code x · sigmoid(x)}. */
    public static final Activation SWISH = new Activation(Kind.SWISH, 0);
    /** {@code exp(x)}. */
    public static final Activation EXPONENTIAL = new Activation(Kind.EXPONENTIAL, 0);
    /** {@code min(max(x, 0), 6)}. */
    public static final Activation RELU6 = new Activation(Kind.RELU6, 0);
    /** Mish, {@code x · tanh(softplus(x))}. */
    public static final Activation MISH = new Activation(Kind.MISH, 0);

    /** Hard sigmoid {@code clip(slope·x + 0.5, 0, 1)}: slope 0.2 in Keras 2, 1/6 in Keras 3. */
    public static Activation hardSigmoid(double slope) {
        return new Activation(Kind.HARD_SIGMOID, slope);
    }

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
            case "hard_sigmoid" -> HARD_SIGMOID;
            case "softsign" -> SOFTSIGN;
            case "swish", "silu" -> SWISH;
            case "exponential" -> EXPONENTIAL;
            case "relu6" -> RELU6;
            case "mish" -> MISH;
            default -> throw new IllegalArgumentException("unknown activation '" + name
                    + "': expected one of linear, sigmoid, tanh, relu, elu, leaky_relu, selu, softplus, softmax, binary_step, hard_sigmoid, softsign, swish, exponential, relu6, mish");
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
            case HARD_SIGMOID -> x.times(alpha).plus(0.5).clip(0, 1);
            case SOFTSIGN -> x.div(x.abs().plus(1));
            case SWISH -> x.times(x.sigmoid());
            case EXPONENTIAL -> x.exp();
            case RELU6 -> x.relu(6, 0, 0);
            case MISH -> x.times(x.softplus().tanh());
        };
    }

    /** The Keras name, e.g. "relu". */
    public String label() {
        return kind.name().toLowerCase();
    }
}
