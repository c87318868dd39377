package dev.strata.data;

import java.util.Arrays;

/**
 * Standardises each feature to mean 0 and standard deviation 1, with the mean and the
 * population standard deviation of the training data (as scikit-learn does). A constant feature
 * keeps a scale of 1, so it maps to 0 instead of dividing by zero.
 *
 * <pre>{@code
 * StandardScaler scaler = StandardScaler.fit(xTrain);   // training rows only
 * float[][] train = scaler.transform(xTrain), test = scaler.transform(xTest);
 * }</pre>
 */
public final class StandardScaler extends AffineScaler implements Scaler {
    private final State state;

    private StandardScaler(State state) {
        super(new Affine(state.mean(), state.scale(), 0));
        this.state = state;
    }

    /**
     * The fitted numbers, to save with a model (e.g. as JSON).
     *
     * @param mean each feature's training mean
     * @param scale each feature's training standard deviation (1 for a constant feature)
     */
    public record State(double[] mean, double[] scale) {
        /** Checks and copies the arrays. */
        public State {
            Affine.checkState("StandardScaler state", mean, scale);
            for (double s : scale) {
                if (s <= 0) {
                    throw new IllegalArgumentException("StandardScaler state: scale must be positive, got " + s);
                }
            }
            mean = mean.clone();
            scale = scale.clone();
        }

        @Override
        public double[] mean() {
            return mean.clone();
        }

        @Override
        public double[] scale() {
            return scale.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof State s && Arrays.equals(mean, s.mean) && Arrays.equals(scale, s.scale);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(mean) + Arrays.hashCode(scale);
        }

        @Override
        public String toString() {
            return "StandardScaler.State[mean=" + Arrays.toString(mean) + ", scale=" + Arrays.toString(scale) + "]";
        }
    }

    /**
     * @param rows training rows × features, all finite
     * @return the fitted scaler
     */
    public static StandardScaler fit(float[][] rows) {
        int features = Affine.checkTraining(rows);
        double[] mean = new double[features];
        double[] scale = new double[features];
        for (int j = 0; j < features; j++) {
            double sum = 0;
            for (float[] row : rows) {
                sum += row[j];
            }
            mean[j] = sum / rows.length;
            // Two passes: the sum of squared deviations, not E[x²] - E[x]², which cancels badly.
            double squares = 0;
            for (float[] row : rows) {
                double d = row[j] - mean[j];
                squares += d * d;
            }
            double std = Math.sqrt(squares / rows.length);
            scale[j] = std > 0 ? std : 1;
        }
        return new StandardScaler(new State(mean, scale));
    }

    /** Fits on a row-major matrix of {@code features} columns. */
    public static StandardScaler fit(float[] rowMajor, int features) {
        return fit(Affine.rows(rowMajor, features));
    }

    /** @return the scaler a saved {@link State} describes */
    public static StandardScaler fromState(State state) {
        return new StandardScaler(state);
    }

    /** @return the fitted numbers */
    public State state() {
        return state;
    }

    @Override
    public String toString() {
        return "StandardScaler[" + features() + " features]";
    }
}
