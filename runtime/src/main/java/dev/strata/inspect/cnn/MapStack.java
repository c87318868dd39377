package dev.strata.inspect.cnn;

/**
 * A stack of 2-D maps of one size: a layer's feature maps for one image, or the kernels of a
 * convolution for one input channel.
 *
 * @param values {@code height × width × count} values, channels last (as the layer stores them)
 */
public record MapStack(int height, int width, int count, double[] values) {
    public MapStack {
        if (values.length != height * width * count) {
            throw new IllegalArgumentException(count + " maps of " + height + "x" + width + " need " + height * width * count
                    + " values, got " + values.length);
        }
        values = values.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    /** Map number {@code i} as a heatmap. */
    public Heatmap map(int i) {
        if (i < 0 || i >= count) throw new IllegalArgumentException("map " + i + " is out of range: there are " + count + " maps (0.." + (count - 1) + ")");
        double[] v = new double[height * width];
        for (int p = 0; p < v.length; p++) v[p] = values[p * count + i];
        return new Heatmap(height, width, v);
    }
}
