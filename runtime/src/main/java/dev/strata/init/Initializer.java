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
