package dev.strata.data;

/**
 * The map both scalers apply, per feature {@code j}: {@code y = (x - shift[j]) / divisor[j] + offset},
 * and its inverse. Also the input checks they share. Internal.
 */
final class Affine {
    private final double[] shift;
    private final double[] divisor;
    private final double offset;

    Affine(double[] shift, double[] divisor, double offset) {
        this.shift = shift;
        this.divisor = divisor;
        this.offset = offset;
    }

    int features() {
        return shift.length;
    }

    float[][] apply(float[][] rows, boolean inverse) {
        float[][] out = new float[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            checkWidth(rows[r].length, "row " + r);
            out[r] = new float[rows[r].length];
            for (int j = 0; j < shift.length; j++) {
                out[r][j] = map(rows[r][j], j, inverse, r);
            }
        }
        return out;
    }

    float[] apply(float[] rowMajor, boolean inverse) {
        if (rowMajor.length % shift.length != 0) {
            throw new IllegalArgumentException("a row-major matrix of " + shift.length + " features needs a length that is a"
                    + " multiple of " + shift.length + ", got " + rowMajor.length);
        }
        float[] out = new float[rowMajor.length];
        for (int i = 0; i < rowMajor.length; i++) {
            out[i] = map(rowMajor[i], i % shift.length, inverse, i / shift.length);
        }
        return out;
    }

    private float map(float x, int j, boolean inverse, int row) {
        if (!Float.isFinite(x)) {
            throw notFinite(row, j, x);
        }
        return (float) (inverse ? (x - offset) * divisor[j] + shift[j] : (x - shift[j]) / divisor[j] + offset);
    }

    private void checkWidth(int width, String what) {
        if (width != shift.length) {
            throw new IllegalArgumentException("scaler was fitted on " + shift.length + " features, " + what + " has " + width);
        }
    }

    /** Copies a row-major matrix into rows, checking its length. */
    static float[][] rows(float[] rowMajor, int features) {
        if (features <= 0 || rowMajor.length % features != 0) {
            throw new IllegalArgumentException("cannot split " + rowMajor.length + " values into rows of " + features);
        }
        float[][] rows = new float[rowMajor.length / features][features];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rowMajor, r * features, rows[r], 0, features);
        }
        return rows;
    }

    /** Checks training data: at least one row, all rows as wide as the first, every value finite. */
    static int checkTraining(float[][] rows) {
        if (rows.length == 0 || rows[0].length == 0) {
            throw new IllegalArgumentException("cannot fit a scaler on no data");
        }
        int features = rows[0].length;
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != features) {
                throw new IllegalArgumentException("row " + r + " has " + rows[r].length + " features, row 0 has " + features);
            }
            for (int j = 0; j < features; j++) {
                if (!Float.isFinite(rows[r][j])) {
                    throw notFinite(r, j, rows[r][j]);
                }
            }
        }
        return features;
    }

    /** Checks saved state: arrays of one length, finite values. */
    static void checkState(String what, double[]... arrays) {
        for (double[] array : arrays) {
            if (array == null || array.length != arrays[0].length || array.length == 0) {
                throw new IllegalArgumentException(what + ": arrays must be non-empty and of one length");
            }
            for (double v : array) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException(what + ": values must be finite, got " + v);
                }
            }
        }
    }

    private static IllegalArgumentException notFinite(int row, int feature, float value) {
        return new IllegalArgumentException("row " + row + ", feature " + feature + " is " + value
                + ": resolve missing values (MissingValues) before scaling");
    }
}
