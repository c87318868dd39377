package dev.strata.data;

/**
 * What {@link StandardScaler} and {@link MinMaxScaler} share: both apply an {@link Affine} map per
 * feature, forwards to transform and backwards to invert. Internal.
 */
abstract class AffineScaler {
    private final Affine map;

    AffineScaler(Affine map) {
        this.map = map;
    }

    /** @return the number of features (columns) the scaler was fitted on */
    public int features() {
        return map.features();
    }

    /** @return the scaled rows */
    public float[][] transform(float[][] rows) {
        return map.apply(rows, false);
    }

    /** @return the scaled rows, flattened row-major like the input */
    public float[] transform(float[] rowMajor) {
        return map.apply(rowMajor, false);
    }

    /** @return the rows mapped back to the original units */
    public float[][] inverseTransform(float[][] rows) {
        return map.apply(rows, true);
    }

    /** @return the rows mapped back to the original units, flattened row-major */
    public float[] inverseTransform(float[] rowMajor) {
        return map.apply(rowMajor, true);
    }
}
