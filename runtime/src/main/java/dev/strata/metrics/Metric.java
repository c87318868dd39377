package dev.strata.metrics;

import dev.strata.ops.DType;
import dev.strata.ops.Expr;
import dev.strata.ops.Plan;
import dev.strata.ops.Tensor;
import java.util.List;
import java.util.function.BiFunction;

/**
 * A quality measure of predictions against targets, computed over a whole epoch or evaluation set
 * (so AUC and R² are exact, not batch averages).
 */
public sealed interface Metric permits Metric.Builtin, Metric.Custom, Metric.Named {
    /** The key used in History and logs, e.g. "accuracy", "rmse". */
    String name();

    /** The value over all rows. */
    double compute(Tensor yTrue, Tensor yPred);

    /** A built-in metric. */
    record Builtin(Kind kind) implements Metric {
        public String name() {
            return kind.key;
        }

        public double compute(Tensor yTrue, Tensor yPred) {
            return kind.compute(yTrue, yPred);
        }
    }

    /** A metric written as an expression of targets and predictions; a non-scalar result is averaged. */
    record Custom(String name, BiFunction<Expr, Expr, Expr> fn) implements Metric {
        public double compute(Tensor yTrue, Tensor yPred) {
            Expr t = Expr.input("y_true", withBatch(yTrue.shape()));
            Expr p = Expr.input("y_pred", withBatch(yPred.shape()));
            Expr r = fn.apply(t, p);
            Expr m = r.rank() == 0 ? r : r.mean();
            Plan plan = Plan.compile(List.of(m), DType.FLOAT64);
            plan.feed(t, yTrue.to(DType.FLOAT64));
            plan.feed(p, yPred.to(DType.FLOAT64));
            plan.forward(false);
            return plan.scalar(m);
        }

        private static int[] withBatch(int[] s) {
            int[] r = s.clone();
            if (r.length > 0) r[0] = -1;
            return r;
        }
    }

    /** The built-in metrics. */
    enum Kind {
        BINARY_ACCURACY("binary_accuracy"), CATEGORICAL_ACCURACY("categorical_accuracy"),
        SPARSE_CATEGORICAL_ACCURACY("sparse_categorical_accuracy"), MSE("mse"), MAE("mae"), RMSE("rmse"), R2("r2"),
        AUC("auc"), BRIER("brier"), PRECISION("precision"), RECALL("recall"), F1("f1");

        final String key;

        Kind(String key) {
            this.key = key;
        }

        double compute(Tensor yTrue, Tensor yPred) {
            double[] t = yTrue.toDoubleArray(), p = yPred.toDoubleArray();
            int rows = yPred.rows();
            int cols = rows == 0 ? 0 : p.length / rows;
            if (this != SPARSE_CATEGORICAL_ACCURACY && t.length != p.length) {
                throw new IllegalArgumentException(key + ": targets have " + t.length + " values but predictions " + p.length);
            }
            return switch (this) {
                case MSE -> Scores.mse(t, p);
                case MAE -> Scores.mae(t, p);
                case RMSE -> Math.sqrt(Scores.mse(t, p));
                case R2 -> Scores.r2(t, p);
                case BRIER -> Scores.mse(t, p);
                case AUC -> Scores.rocAuc(t, p);
                case BINARY_ACCURACY -> Scores.binaryAccuracy(t, p);
                case PRECISION -> Scores.confusion(t, p).precision();
                case RECALL -> Scores.confusion(t, p).recall();
                case F1 -> Scores.confusion(t, p).f1();
                case CATEGORICAL_ACCURACY -> Scores.categoricalAccuracy(t, p, cols, false);
                case SPARSE_CATEGORICAL_ACCURACY -> Scores.categoricalAccuracy(t, p, cols, true);
            };
        }
    }

    /** Looks a metric up by name; "accuracy" needs the loss to tell which one (see {@link #accuracyFor}). */
    static Metric named(String name) {
        String n = name.toLowerCase();
        for (Kind k : Kind.values()) if (k.key.equals(n)) return new Builtin(k);
        return switch (n) {
            case "mean_squared_error" -> new Builtin(Kind.MSE);
            case "mean_absolute_error" -> new Builtin(Kind.MAE);
            case "root_mean_squared_error" -> new Builtin(Kind.RMSE);
            case "roc_auc" -> new Builtin(Kind.AUC);
            case "brier_score" -> new Builtin(Kind.BRIER);
            default -> throw new IllegalArgumentException("unknown metric '" + name + "': expected accuracy, binary_accuracy, "
                    + "categorical_accuracy, sparse_categorical_accuracy, mse, mae, rmse, r2, auc, brier, precision, recall, f1 (or a custom metric)");
        };
    }

    /** Keras's "accuracy": binary, categorical or sparse depending on the loss. */
    static Metric accuracyFor(dev.strata.losses.Loss loss) {
        Kind k;
        if (loss instanceof dev.strata.losses.Loss.CategoricalCrossEntropy) k = Kind.CATEGORICAL_ACCURACY;
        else if (loss instanceof dev.strata.losses.Loss.SparseCategoricalCrossEntropy) k = Kind.SPARSE_CATEGORICAL_ACCURACY;
        else k = Kind.BINARY_ACCURACY;
        return new Named("accuracy", new Builtin(k));
    }

    /** A metric reported under another key (Keras reports "accuracy" whichever accuracy it is). */
    record Named(String name, Metric inner) implements Metric {
        public double compute(Tensor yTrue, Tensor yPred) {
            return inner.compute(yTrue, yPred);
        }
    }
}
