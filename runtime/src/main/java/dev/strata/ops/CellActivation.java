package dev.strata.ops;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.LeakyReLU;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.transforms.strict.SELU;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.SoftPlus;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * An activation inside a recurrent cell, applied in place on (possibly strided) views, with its
 * derivative computed from the activation's output, so cells keep only their activated gates.
 */
final class CellActivation {
    // SELU constants (Klambauer et al. 2017), as in Keras and Unary.
    private static final double SELU_SCALE = 1.0507009873554805;
    private static final double SELU_ALPHA = 1.6732632423543772;

    private final String fn;
    private final double alpha;
    /** The float path's activation as a number (0 linear, 1 tanh, 2 sigmoid, 3 relu, 4 hard_sigmoid; −1 none): no string compare per block. */
    private final int code;

    CellActivation(String fn, double alpha) {
        this.fn = fn;
        this.alpha = alpha;
        this.code = List.of("linear", "tanh", "sigmoid", "relu", "hard_sigmoid").indexOf(fn);
        if (fn.equals("leaky_relu") && !(alpha > 0)) {
            throw new IllegalArgumentException("a leaky ReLU inside a recurrent cell needs a positive slope, got " + alpha);
        }
    }

    /** v ← f(v). */
    void apply(INDArray v) {
        switch (fn) {
            case "linear" -> { }
            case "sigmoid" -> Nd4j.exec(new Sigmoid(v, v));
            case "tanh" -> Nd4j.exec(new Tanh(v, v));
            case "relu" -> Nd4j.exec(new RectifiedLinear(v, v, 0.0));
            case "elu" -> Nd.exec("elu", new INDArray[] {v}, new INDArray[] {v}, new double[] {alpha}, null);
            case "leaky_relu" -> Nd4j.exec(new LeakyReLU(v, v, alpha));
            case "selu" -> Nd4j.exec(new SELU(v, v));
            case "softplus" -> Nd4j.exec(new SoftPlus(v, v));
            case "hard_sigmoid" -> {
                // clip(alpha·v + 0.5, 0, 1); alpha is the slope (0.2 in Keras 2, 1/6 in Keras 3).
                v.muli(alpha).addi(0.5);
                Transforms.max(v, 0.0, false);
                Transforms.min(v, 1.0, false);
            }
            default -> throw new IllegalStateException(fn);
        }
    }

    /** True when the float32 fused kernel evaluates this activation in Java ({@link #apply(float[], int, int)}). */
    boolean fused() {
        return code >= 0;
    }

    /** v[from, to) ← f(v), in float; one tight loop per activation so C2 vectorises it. */
    void apply(float[] v, int from, int to) {
        switch (code) {
            case 0 -> { }
            case 1 -> {
                for (int i = from; i < to; i++) v[i] = tanh(v[i]);
            }
            case 2 -> {
                for (int i = from; i < to; i++) v[i] = 0.5f + 0.5f * tanh(0.5f * v[i]);
            }
            case 3 -> {
                for (int i = from; i < to; i++) v[i] = Math.max(v[i], 0f);
            }
            case 4 -> {
                float a = (float) alpha;
                for (int i = from; i < to; i++) v[i] = Math.min(1f, Math.max(0f, a * v[i] + 0.5f));
            }
            default -> throw new IllegalStateException(fn + " has no fused form");
        }
    }

    /** g[gi, gi + n) ← g · f′(x), where y[yi, yi + n) = f(x) is given. */
    void scale(float[] y, int yi, float[] g, int gi, int n) {
        switch (code) {
            case 0 -> { }
            case 1 -> {
                for (int i = 0; i < n; i++) {
                    float t = y[yi + i];
                    g[gi + i] *= 1f - t * t;
                }
            }
            case 2 -> {
                for (int i = 0; i < n; i++) {
                    float s = y[yi + i];
                    g[gi + i] *= s * (1f - s);
                }
            }
            case 3 -> {
                for (int i = 0; i < n; i++) if (!(y[yi + i] > 0f)) g[gi + i] = 0f;
            }
            case 4 -> {
                float a = (float) alpha;
                for (int i = 0; i < n; i++) {
                    float s = y[yi + i];
                    g[gi + i] *= s > 0f && s < 1f ? a : 0f;
                }
            }
            default -> throw new IllegalStateException(fn + " has no fused form");
        }
    }

    // A [13/6] rational minimax approximation of tanh on [-7.9053, 7.9053] (Eigen's and XLA's float
    // tanh), within a few ulp there and saturated beyond; only multiplies, adds and one divide, so
    // loops over it vectorise, unlike Math.tanh or Math.exp.
    private static final float TANH_CLAMP = 7.90531110763549805f;
    private static final float A1 = 4.89352455891786e-03f, A3 = 6.37261928875436e-04f, A5 = 1.48572235717979e-05f,
            A7 = 5.12229709037114e-08f, A9 = -8.60467152213735e-11f, A11 = 2.00018790482477e-13f, A13 = -2.76076847742355e-16f;
    private static final float B0 = 4.89352518554385e-03f, B2 = 2.26843463243900e-03f, B4 = 1.18534705686654e-04f,
            B6 = 1.19825839466702e-06f;

    /** tanh in float, to about 1e-7 absolute (tested against Math.tanh). */
    static float tanh(float v) {
        float x = Math.max(-TANH_CLAMP, Math.min(TANH_CLAMP, v));
        float x2 = x * x;
        float p = A13;
        p = p * x2 + A11;
        p = p * x2 + A9;
        p = p * x2 + A7;
        p = p * x2 + A5;
        p = p * x2 + A3;
        p = p * x2 + A1;
        p = p * x;
        float q = B6;
        q = q * x2 + B4;
        q = q * x2 + B2;
        q = q * x2 + B0;
        return p / q;
    }

    /** g ← g · f′(x), where y = f(x) is given; {@code tmp} is scratch of y's shape. */
    void scale(INDArray y, INDArray g, INDArray tmp) {
        switch (fn) {
            case "linear" -> { }
            case "sigmoid" -> g.muli(tmp.assign(y).rsubi(1.0).muli(y));
            case "tanh" -> g.muli(tmp.assign(y).muli(y).rsubi(1.0));
            case "relu" -> {
                Nd4j.exec(new Step(y, tmp, 0.0));
                g.muli(tmp);
            }
            case "elu" -> {
                // y > 0: 1; otherwise y + alpha.
                INDArray pos = Nd.positive(y);
                g.muli(tmp.assign(y).addi(alpha).muli(pos.rsub(1.0)).addi(pos));
            }
            case "leaky_relu" -> {
                INDArray pos = Nd.positive(y);
                g.muli(tmp.assign(pos).rsubi(1.0).muli(alpha).addi(pos));
            }
            case "selu" -> {
                INDArray pos = Nd.positive(y);
                g.muli(tmp.assign(y).addi(SELU_SCALE * SELU_ALPHA).muli(pos.rsub(1.0)).addi(pos.muli(SELU_SCALE)));
            }
            case "softplus" -> g.muli(tmp.assign(Transforms.exp(y.neg(), false)).rsubi(1.0));
            case "hard_sigmoid" -> g.muli(tmp.assign(y.gt(0.0).castTo(y.dataType()).muli(y.lt(1.0).castTo(y.dataType()))).muli(alpha));
            default -> throw new IllegalStateException(fn);
        }
    }
}
