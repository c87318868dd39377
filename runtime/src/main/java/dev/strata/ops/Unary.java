package dev.strata.ops;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.LeakyReLU;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Log;
import org.nd4j.linalg.api.ops.impl.transforms.strict.SELU;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.SoftPlus;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Element-wise functions of one input, each with its derivative. */
final class Unary implements Kernel {
    enum Fn { EXP, LOG, SQRT, ABS, SQUARE, POW, AFFINE, CLIP, SIGMOID, TANH, RELU, ELU, LEAKY_RELU, SELU, SOFTPLUS, STEP }

    // SELU constants (Klambauer et al. 2017), as in Keras.
    private static final double SELU_SCALE = 1.0507009873554805;
    private static final double SELU_ALPHA = 1.6732632423543772;

    private final Fn fn;
    private final double a;
    private final double b;

    private Unary(Fn fn, double a, double b) {
        this.fn = fn;
        this.a = a;
        this.b = b;
    }

    static Unary of(Fn fn) { return new Unary(fn, 0, 0); }
    static Unary withAlpha(Fn fn, double alpha) { return new Unary(fn, alpha, 0); }
    static Unary pow(double p) { return new Unary(Fn.POW, p, 0); }
    /** x ↦ scale·x + shift. */
    static Unary affine(double scale, double shift) { return new Unary(Fn.AFFINE, scale, shift); }
    static Unary clip(double lo, double hi) { return new Unary(Fn.CLIP, lo, hi); }

    @Override public String name() { return fn.name().toLowerCase(); }

    @Override public int[] outputShape(int[][] in) { return in[0].clone(); }

    /** The activations common enough in tiny layers to run as Java loops there. */
    private boolean javaLoop(Node n, INDArray... arrays) {
        // Element-wise work is cheap per element: Java loops win up to several times the dense threshold.
        return (fn == Fn.SIGMOID || fn == Fn.TANH || fn == Fn.RELU) && Flat.small(n.out.length() / 8, arrays);
    }

    @Override
    public void forward(Node n) {
        INDArray x = n.in[0], z = n.out;
        if (fn == Fn.RELU && HostCopy.floats(x, z)) {
            // ReLU is one compare per element: a vectorised Java loop over a heap copy beats a native call.
            float[] v = HostCopy.read(x, 0);
            int len = (int) z.length();
            for (int i = 0; i < len; i++) v[i] = Math.max(v[i], 0f);
            HostCopy.write(v, z);
            return;
        }
        if (javaLoop(n, x, z)) {
            Flat fx = new Flat(x), fz = new Flat(z);
            for (int i = 0; i < fz.length; i++) {
                double v = fx.get(i);
                fz.set(i, switch (fn) {
                    case SIGMOID -> v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v));
                    case TANH -> Math.tanh(v);
                    default -> Math.max(v, 0);
                });
            }
            return;
        }
        switch (fn) {
            case EXP -> Nd4j.exec(new Exp(x, z));
            case LOG -> Nd4j.exec(new Log(x, z));
            case SQRT -> z.assign(Transforms.sqrt(x, true));
            case ABS -> z.assign(Transforms.abs(x, true));
            case SQUARE -> z.assign(x).muli(x);
            case POW -> z.assign(Transforms.pow(x, a, true));
            case AFFINE -> z.assign(x).muli(a).addi(b);
            case CLIP -> z.assign(Transforms.min(Transforms.max(x, a, true), b, false));
            case SIGMOID -> Nd4j.exec(new Sigmoid(x, z));
            case TANH -> Nd4j.exec(new Tanh(x, z));
            case RELU -> Nd4j.exec(new RectifiedLinear(x, z, 0.0));
            case ELU -> Nd.exec("elu", new INDArray[] {x}, new INDArray[] {z}, new double[] {a}, null);
            case LEAKY_RELU -> Nd4j.exec(new LeakyReLU(x, z, a));
            case SELU -> Nd4j.exec(new SELU(x, z));
            case SOFTPLUS -> Nd4j.exec(new SoftPlus(x, z));
            case STEP -> Nd4j.exec(new Step(x, z, 0.0));
        }
    }

    @Override
    public void backward(Node n) {
        INDArray x = n.in[0], z = n.out, g = n.grad, gx = n.gin[0];
        if (gx == null) return;
        if (fn == Fn.RELU && n.reluRule != ReluBackward.STANDARD) {
            modifiedRelu(n.reluRule, z, g, gx);
            return;
        }
        if (fn == Fn.RELU && HostCopy.floats(z, g, gx)) {
            float[] y = HostCopy.read(z, 0), d = HostCopy.read(g, 1);
            int len = (int) z.length();
            keepWherePositive(y, d, len);
            HostCopy.write(d, gx);
            return;
        }
        if (javaLoop(n, z, g, gx)) {
            Flat fz = new Flat(z), fg = new Flat(g), fgx = new Flat(gx);
            for (int i = 0; i < fz.length; i++) {
                double y = fz.get(i);
                double d = switch (fn) {
                    case SIGMOID -> y * (1 - y);
                    case TANH -> 1 - y * y;
                    default -> y > 0 ? 1 : 0;
                };
                fgx.set(i, d * fg.get(i));
            }
            return;
        }
        switch (fn) {
            case EXP -> gx.assign(z).muli(g);
            case LOG -> gx.assign(g).divi(x);
            case SQRT -> gx.assign(g).divi(z).muli(0.5);
            case ABS -> gx.assign(Transforms.sign(x, true)).muli(g);
            case SQUARE -> gx.assign(x).muli(g).muli(2.0);
            case POW -> gx.assign(Transforms.pow(x, a - 1, true)).muli(g).muli(a);
            case AFFINE -> gx.assign(g).muli(a);
            case CLIP -> gx.assign(x.gte(a).castTo(x.dataType()).muli(x.lte(b).castTo(x.dataType()))).muli(g);
            case SIGMOID -> gx.assign(z).rsubi(1.0).muli(z).muli(g);
            case TANH -> gx.assign(z).muli(z).rsubi(1.0).muli(g);
            case RELU -> {
                Nd4j.exec(new Step(z, gx, 0.0));
                gx.muli(g);
            }
            case ELU -> {
                INDArray pos = Nd.positive(x);
                // x > 0: 1; otherwise elu(x) + alpha.
                gx.assign(z.add(a).muli(pos.rsub(1.0)).addi(pos)).muli(g);
            }
            case LEAKY_RELU -> {
                INDArray pos = Nd.positive(x);
                gx.assign(pos.rsub(1.0).muli(a).addi(pos)).muli(g);
            }
            case SELU -> {
                INDArray pos = Nd.positive(x);
                gx.assign(z.add(SELU_SCALE * SELU_ALPHA).muli(pos.rsub(1.0)).addi(pos.mul(SELU_SCALE))).muli(g);
            }
            case SOFTPLUS -> gx.assign(Transforms.sigmoid(x, true)).muli(g);
            case STEP -> throw new IllegalStateException(
                    "the binary step activation has no gradient: it cannot be trained by gradient descent "
                            + "(use it for inference or perceptron demos, or train with sigmoid)");
        }
    }

    /**
     * d[i] ← d[i] where y[i] &gt; 0, else 0 (ReLU's backward pass from its output). Written as a bit mask
     * because the JIT compiles {@code y[i] > 0f ? d[i] : 0f} to a branch that is mispredicted on half the
     * values: 84 µs on a 128×256 array against 10 µs for this vectorised form. {@code (~b & -b) >> 31} is
     * all ones exactly when the bits {@code b} are those of a float above zero, subnormals and +∞ included
     * (+0, −0 and negatives give 0; a NaN output, which only a NaN input gives, passes its gradient on).
     */
    static void keepWherePositive(float[] y, float[] d, int len) {
        for (int i = 0; i < len; i++) {
            int b = Float.floatToRawIntBits(y[i]);
            d[i] = Float.intBitsToFloat(Float.floatToRawIntBits(d[i]) & ((~b & -b) >> 31));
        }
    }

    /** Guided: positive gradients where the output is positive; rectified: positive gradients anywhere. */
    private static void modifiedRelu(ReluBackward rule, INDArray z, INDArray g, INDArray gx) {
        if (HostCopy.floats(z, g, gx)) {
            float[] y = HostCopy.read(z, 0), d = HostCopy.read(g, 1);
            boolean guided = rule == ReluBackward.GUIDED;
            int len = (int) z.length();
            for (int i = 0; i < len; i++) d[i] = d[i] > 0f && (!guided || y[i] > 0f) ? d[i] : 0f;
            HostCopy.write(d, gx);
            return;
        }
        INDArray positive = Transforms.max(g, 0.0, true);
        if (rule == ReluBackward.GUIDED) {
            Nd4j.exec(new Step(z, gx, 0.0));
            gx.muli(positive);
        } else {
            gx.assign(positive);
        }
    }
}
