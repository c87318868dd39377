package dev.strata.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * Maps each feature linearly so that its training minimum and maximum become the ends of a
 * feature range, [0, 1] by default. Test data may fall outside the range: it is not clipped, since
 * clipping would hide a shift between training and test data. A constant feature maps to the
 * lower end of the range.
 */
public final class MinMaxScaler extends AffineScaler implements Scaler {
    private final State state;

    private MinMaxScaler(State state) {
        super(map(state));
        this.state = state;
    }

    private static Affine map(State state) {
        double[] divisor = new double[state.dataMin.length];
        double span = state.rangeMax() - state.rangeMin();
        for (int j = 0; j < divisor.length; j++) {
            double dataSpan = state.dataMax[j] - state.dataMin[j];
            // x' = (x - min) / ((max - min) / span) + rangeMin; a zero data span divides by 1 (scikit-learn's rule).
            divisor[j] = dataSpan > 0 ? dataSpan / span : 1;
        }
        return new Affine(state.dataMin, divisor, state.rangeMin());
    }

    /**
     * The fitted numbers, to save with a model (e.g. as JSON).
     *
     * @param dataMin each feature's training minimum
     * @param dataMax each feature's training maximum
     * @param rangeMin the value a training minimum maps to
     * @param rangeMax the value a training maximum maps to
     */
    public record State(double[] dataMin, double[] dataMax, double rangeMin, double rangeMax) {
        /** Checks and copies the arrays. */
        public State {
            Affine.checkState("MinMaxScaler state", dataMin, dataMax);
            for (int j = 0; j < dataMin.length; j++) {
                if (dataMin[j] > dataMax[j]) {
                    throw new IllegalArgumentException("MinMaxScaler state: feature " + j + " has min " + dataMin[j]
                            + " above max " + dataMax[j]);
                }
            }
            if (!(rangeMin < rangeMax) || !Double.isFinite(rangeMin) || !Double.isFinite(rangeMax)) {
                throw new IllegalArgumentException("feature range must be finite with min < max, got ["
                        + rangeMin + ", " + rangeMax + "]");
            }
            dataMin = dataMin.clone();
            dataMax = dataMax.clone();
        }

        @Override
        public double[] dataMin() {
            return dataMin.clone();
        }

        @Override
        public double[] dataMax() {
            return dataMax.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof State s && Arrays.equals(dataMin, s.dataMin) && Arrays.equals(dataMax, s.dataMax)
                    && Double.compare(rangeMin, s.rangeMin) == 0 && Double.compare(rangeMax, s.rangeMax) == 0;
        }

        @Override
        public int hashCode() {
            return Objects.hash(Arrays.hashCode(dataMin), Arrays.hashCode(dataMax), rangeMin, rangeMax);
        }

        @Override
        public String toString() {
            return "MinMaxScaler.State[dataMin=" + Arrays.toString(dataMin) + ", dataMax=" + Arrays.toString(dataMax)
                    + ", range=[" + rangeMin + ", " + rangeMax + "]]";
        }
    }

    /** Fits to the feature range [0, 1]. */
    public static MinMaxScaler fit(float[][] rows) {
        return fit(rows, 0, 1);
    }

    /**
     * @param rows training rows × features, all finite
     * @param rangeMin what each training minimum maps to
     * @param rangeMax what each training maximum maps to
     * @return the fitted scaler
     */
    public static MinMaxScaler fit(float[][] rows, double rangeMin, double rangeMax) {
        int features = Affine.checkTraining(rows);
        double[] min = new double[features];
        double[] max = new double[features];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (float[] row : rows) {
            for (int j = 0; j < features; j++) {
                min[j] = Math.min(min[j], row[j]);
                max[j] = Math.max(max[j], row[j]);
            }
        }
        return new MinMaxScaler(new State(min, max, rangeMin, rangeMax));
    }

    /** Fits a row-major matrix of {@code features} columns to the feature range [0, 1]. */
    public static MinMaxScaler fit(float[] rowMajor, int features) {
        return fit(Affine.rows(rowMajor, features));
    }

    /** @return the scaler a saved {@link State} describes */
    public static MinMaxScaler fromState(State state) {
        return new MinMaxScaler(state);
    }

    /** @return the fitted numbers */
    public State state() {
        return state;
    }

    @Override
    public String toString() {
        return "MinMaxScaler[" + features() + " features]";
    }
}
