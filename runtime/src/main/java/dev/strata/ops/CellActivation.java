package dev.strata.ops;

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

    CellActivation(String fn, double alpha) {
        this.fn = fn;
        this.alpha = alpha;
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
