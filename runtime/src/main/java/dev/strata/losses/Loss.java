package dev.strata.losses;

import dev.strata.ops.Expr;
import java.util.function.BiFunction;

/**
 * A training loss: a scalar expression of targets and predictions, averaged over the batch.
 * Built-in losses follow Keras's definitions; {@link Custom} takes any expression.
 */
public sealed interface Loss {
    /** The loss for a batch, as a scalar expression. */
    Expr compute(Expr yTrue, Expr yPred);

    /** The Keras name, e.g. "mse"; used in saved files. */
    String name();

    /** Mean squared error. */
    record MeanSquaredError() implements Loss {
        public Expr compute(Expr t, Expr p) { return p.mseLoss(t); }
        public String name() { return "mse"; }
    }

    /** Mean absolute error. */
    record MeanAbsoluteError() implements Loss {
        public Expr compute(Expr t, Expr p) { return p.maeLoss(t); }
        public String name() { return "mae"; }
    }

    /** Binary cross-entropy from probabilities or, with {@code fromLogits}, from logits (numerically stable). */
    record BinaryCrossEntropy(boolean fromLogits) implements Loss {
        public Expr compute(Expr t, Expr p) {
            return p.binaryCrossEntropy(t, fromLogits);
        }
        public String name() { return fromLogits ? "binary_crossentropy_logits" : "binary_crossentropy"; }
    }

    /** Categorical cross-entropy for one-hot targets, from probabilities or logits. */
    record CategoricalCrossEntropy(boolean fromLogits) implements Loss {
        public Expr compute(Expr t, Expr p) {
            return p.categoricalCrossEntropy(t, fromLogits);
        }
        public String name() { return fromLogits ? "categorical_crossentropy_logits" : "categorical_crossentropy"; }
    }

    /** Categorical cross-entropy for integer class labels (shape (batch,) or (batch, 1)). */
    record SparseCategoricalCrossEntropy(boolean fromLogits) implements Loss {
        public Expr compute(Expr t, Expr p) {
            int classes = p.shape()[p.rank() - 1];
            return new CategoricalCrossEntropy(fromLogits).compute(t.oneHot(classes), p);
        }
        public String name() { return fromLogits ? "sparse_categorical_crossentropy_logits" : "sparse_categorical_crossentropy"; }
    }

    /** Huber loss: quadratic within {@code delta} of the target, linear beyond. */
    record Huber(double delta) implements Loss {
        public Expr compute(Expr t, Expr p) {
            return p.huberLoss(t, delta);
        }
        public String name() { return "huber"; }
    }

    /** Σ ½(target − output)² over the output units, averaged over the batch (the classic backprop error). */
    record HalfSumSquares() implements Loss {
        public Expr compute(Expr t, Expr p) {
            return p.halfSumSquaresLoss(t);
        }
        public String name() { return "half_sum_squares"; }
    }

    /** A loss written by the user; a non-scalar result is averaged. */
    record Custom(String name, BiFunction<Expr, Expr, Expr> fn) implements Loss {
        public Expr compute(Expr t, Expr p) {
            Expr r = fn.apply(t, p);
            return r.rank() == 0 ? r : r.mean();
        }
    }

    /** Looks a loss up by its Keras name ("mse", "binary_crossentropy", …). */
    static Loss named(String name) {
        return switch (name.toLowerCase()) {
            case "mse", "mean_squared_error" -> new MeanSquaredError();
            case "mae", "mean_absolute_error" -> new MeanAbsoluteError();
            case "binary_crossentropy", "bce" -> new BinaryCrossEntropy(false);
            case "binary_crossentropy_logits" -> new BinaryCrossEntropy(true);
            case "categorical_crossentropy" -> new CategoricalCrossEntropy(false);
            case "categorical_crossentropy_logits" -> new CategoricalCrossEntropy(true);
            case "sparse_categorical_crossentropy" -> new SparseCategoricalCrossEntropy(false);
            case "sparse_categorical_crossentropy_logits" -> new SparseCategoricalCrossEntropy(true);
            case "huber" -> new Huber(1.0);
            case "half_sum_squares" -> new HalfSumSquares();
            default -> throw new IllegalArgumentException("unknown loss '" + name + "': expected one of mse, mae, binary_crossentropy, "
                    + "categorical_crossentropy, sparse_categorical_crossentropy, huber, half_sum_squares (or a custom loss)");
        };
    }
}
