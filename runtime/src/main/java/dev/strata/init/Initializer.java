package dev.strata.init;

import java.util.SplittableRandom;

/**
 * How a weight gets its first values. Fan-in and fan-out follow Keras: for a kernel of shape
 * {@code [..receptive field.., in, out]} they are {@code in·field} and {@code out·field}.
 */
public sealed interface Initializer {
    /** Values for a weight of the given shape, row-major. */
    double[] sample(int[] shape, SplittableRandom random);

    /** Glorot (Xavier) uniform: U(−l, l), l = √(6 / (fanIn + fanOut)). Keras's default for kernels. */
    record GlorotUniform() implements Initializer {
        public double[] sample(int[] shape, SplittableRandom r) {
            double limit = Math.sqrt(6.0 / (fanIn(shape) + fanOut(shape)));
            return uniform(shape, r, limit);
        }
    }

    /** Glorot normal: N(0, 2 / (fanIn + fanOut)), truncated at two standard deviations. */
    record GlorotNormal() implements Initializer {
        public double[] sample(int[] shape, SplittableRandom r) {
            return truncatedNormal(shape, r, Math.sqrt(2.0 / (fanIn(shape) + fanOut(shape))));
        }
    }

    /** He uniform: U(−l, l), l = √(6 / fanIn): for relu layers. */
    record HeUniform() implements Initializer {
        public double[] sample(int[] shape, SplittableRandom r) {
            return uniform(shape, r, Math.sqrt(6.0 / fanIn(shape)));
        }
    }

    /** He normal: N(0, 2 / fanIn), truncated at two standard deviations. */
    record HeNormal() implements Initializer {
        public double[] sample(int[] shape, SplittableRandom r) {
            return truncatedNormal(shape, r, Math.sqrt(2.0 / fanIn(shape)));
        }
    }

    /**
     * A (semi-)orthogonal matrix times {@code gain}, as Keras's {@code Orthogonal}: the weight is seen as
     * a matrix of {@code shape[-1]} columns; its rows (or its columns, whichever are fewer) are
     * orthonormal, drawn uniformly (the Q of a Gaussian matrix's QR decomposition with a positive
     * diagonal in R). Keras's default for recurrent kernels: it keeps the recurrence from blowing up or
     * fading out at the start.
     */
    record Orthogonal(double gain) implements Initializer {
        public double[] sample(int[] shape, SplittableRandom r) {
            if (shape.length < 2) {
                throw new IllegalArgumentException("orthogonal initializer: needs a weight of at least 2 axes, got shape "
                        + java.util.Arrays.toString(shape));
            }
            int cols = shape[shape.length - 1], rows = count(shape) / cols;
            int tall = Math.max(rows, cols), narrow = Math.min(rows, cols);
            java.util.Random g = new java.util.Random(r.nextLong());
            double[][] q = new double[narrow][tall]; // q[j] is column j of the tall × narrow factor
            for (double[] column : q) {
                for (int i = 0; i < tall; i++) column[i] = g.nextGaussian();
            }
            // Modified Gram-Schmidt, twice for accuracy: the Q of the QR decomposition with R's diagonal positive.
            for (int j = 0; j < narrow; j++) {
                for (int pass = 0; pass < 2; pass++) {
                    for (int k = 0; k < j; k++) {
                        double dot = 0;
                        for (int i = 0; i < tall; i++) dot += q[k][i] * q[j][i];
                        for (int i = 0; i < tall; i++) q[j][i] -= dot * q[k][i];
                    }
                }
                double norm = 0;
                for (int i = 0; i < tall; i++) norm += q[j][i] * q[j][i];
                norm = Math.sqrt(norm);
                for (int i = 0; i < tall; i++) q[j][i] /= norm;
            }
            double[] v = new double[rows * cols];
            for (int row = 0; row < rows; row++) {
                for (int col = 0; col < cols; col++) {
                    // More rows than columns: the factor itself; fewer: its transpose (orthonormal rows).
                    v[row * cols + col] = gain * (rows >= cols ? q[col][row] : q[row][col]);
                }
            }
            return v;
        }
    }

    /** Uniform on [min, max). */
    record RandomUniform(double min, double max) implements Initializer {
        public double[] sample(int[] shape, SplittableRandom r) {
            double[] v = new double[count(shape)];
            for (int i = 0; i < v.length; i++) v[i] = min + (max - min) * r.nextDouble();
            return v;
        }
    }

    /** Every value equal to {@code value} (zeros and ones included). */
    record Constant(double value) implements Initializer {
        public double[] sample(int[] shape, SplittableRandom r) {
            double[] v = new double[count(shape)];
            java.util.Arrays.fill(v, value);
            return v;
        }
    }

    /** Exactly these values (row-major); the count must match the weight's shape. */
    record Values(double[] values) implements Initializer {
        public Values {
            values = values.clone();
        }

        public double[] sample(int[] shape, SplittableRandom r) {
            if (values.length != count(shape)) {
                throw new IllegalArgumentException("initial values: expected " + count(shape) + " for shape "
                        + java.util.Arrays.toString(shape) + ", got " + values.length);
            }
            return values.clone();
        }
    }

    /** Zeros: Keras's default for biases. */
    static Initializer zeros() {
        return new Constant(0);
    }

    /** Ones. */
    static Initializer ones() {
        return new Constant(1);
    }

    /** Glorot uniform. */
    static Initializer glorotUniform() {
        return new GlorotUniform();
    }

    /** Orthogonal with gain 1: Keras's default for recurrent kernels. */
    static Initializer orthogonal() {
        return new Orthogonal(1.0);
    }

    private static int count(int[] shape) {
        int n = 1;
        for (int d : shape) n *= d;
        return n;
    }

    private static double fanIn(int[] shape) {
        if (shape.length == 0) return 1;
        if (shape.length == 1) return shape[0];
        int field = count(shape) / (shape[shape.length - 1] * shape[shape.length - 2]);
        return (double) shape[shape.length - 2] * field;
    }

    private static double fanOut(int[] shape) {
        if (shape.length == 0) return 1;
        if (shape.length == 1) return shape[0];
        int field = count(shape) / (shape[shape.length - 1] * shape[shape.length - 2]);
        return (double) shape[shape.length - 1] * field;
    }

    private static double[] uniform(int[] shape, SplittableRandom r, double limit) {
        double[] v = new double[count(shape)];
        for (int i = 0; i < v.length; i++) v[i] = (2 * r.nextDouble() - 1) * limit;
        return v;
    }

    private static double[] truncatedNormal(int[] shape, SplittableRandom r, double std) {
        double[] v = new double[count(shape)];
        java.util.Random g = new java.util.Random(r.nextLong());
        for (int i = 0; i < v.length; i++) {
            double x;
            do {
                x = g.nextGaussian();
            } while (Math.abs(x) > 2);
            v[i] = x * std;
        }
        return v;
    }
}
