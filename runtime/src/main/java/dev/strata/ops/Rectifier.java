package dev.strata.ops;

/**
 * Keras's general rectifier ({@code ReLU(max_value, negative_slope, threshold)}):
 * {@code x > threshold ? min(x, maxValue) : negativeSlope · (x − threshold)}. A kernel of its own so
 * the plain ReLU's fast paths in {@link Unary} stay as they are.
 */
final class Rectifier implements Kernel {
    private final double maxValue;
    private final double negativeSlope;
    private final double threshold;

    Rectifier(double maxValue, double negativeSlope, double threshold) {
        if (!(maxValue > 0)) throw new IllegalArgumentException("relu: max value must be positive, got " + maxValue);
        this.maxValue = maxValue;
        this.negativeSlope = negativeSlope;
        this.threshold = threshold;
    }

    @Override public String name() { return "rectifier"; }

    @Override public int[] outputShape(int[][] in) { return in[0].clone(); }

    private static org.nd4j.linalg.api.ndarray.INDArray flat(org.nd4j.linalg.api.ndarray.INDArray a) {
        return Flat.accessible(a) ? a : a.dup('c');
    }

    @Override
    public void forward(Node n) {
        Flat x = new Flat(flat(n.in[0])), z = new Flat(n.out);
        for (int i = 0; i < z.length; i++) {
            double v = x.get(i);
            z.set(i, v > threshold ? Math.min(v, maxValue) : negativeSlope * (v - threshold));
        }
    }

    @Override
    public void backward(Node n) {
        if (n.gin[0] == null) return;
        Flat x = new Flat(flat(n.in[0])), g = new Flat(flat(n.grad)), gx = new Flat(n.gin[0]);
        for (int i = 0; i < gx.length; i++) {
            double v = x.get(i);
            gx.set(i, (v > threshold ? (v < maxValue ? 1 : 0) : negativeSlope) * g.get(i));
        }
    }
}
