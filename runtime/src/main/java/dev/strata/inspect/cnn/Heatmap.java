package dev.strata.inspect.cnn;

import java.util.Arrays;

/**
 * A 2-D map over an image (saliency, Grad-CAM, occlusion), row-major.
 *
 * @param values {@code height × width} values, row by row
 */
public record Heatmap(int height, int width, double[] values) {
    public Heatmap {
        if (values.length != height * width) {
            throw new IllegalArgumentException("heatmap of " + height + "x" + width + " needs " + height * width + " values, got " + values.length);
        }
        values = values.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    /** The value at row {@code y}, column {@code x}. */
    public double get(int y, int x) {
        return values[y * width + x];
    }

    public double max() {
        return Arrays.stream(values).max().orElse(0);
    }

    public double min() {
        return Arrays.stream(values).min().orElse(0);
    }

    public double sum() {
        return Arrays.stream(values).sum();
    }

    /** Scaled to [0, 1] by its minimum and maximum (all zeros when flat), as pictures show it. */
    public Heatmap normalized() {
        double lo = min(), hi = max();
        double[] v = new double[values.length];
        if (hi > lo) for (int i = 0; i < v.length; i++) v[i] = (values[i] - lo) / (hi - lo);
        return new Heatmap(height, width, v);
    }

    /** Element-wise product with a map of the same size (guided Grad-CAM). */
    public Heatmap times(Heatmap other) {
        if (other.height != height || other.width != width) {
            throw new IllegalArgumentException("heatmaps of " + height + "x" + width + " and " + other.height + "x" + other.width + " cannot be multiplied");
        }
        double[] v = new double[values.length];
        for (int i = 0; i < v.length; i++) v[i] = values[i] * other.values[i];
        return new Heatmap(height, width, v);
    }

    /**
     * Bilinear resize to {@code h × w} with half-pixel centres (OpenCV's and TensorFlow's
     * {@code resize} convention): output pixel centre {@code (i + 0.5)·scale − 0.5} in the source,
     * clamped at the border.
     */
    public Heatmap resized(int h, int w) {
        double[] v = new double[h * w];
        double sy = (double) height / h, sx = (double) width / w;
        for (int i = 0; i < h; i++) {
            double fy = Math.min(Math.max((i + 0.5) * sy - 0.5, 0), height - 1);
            int y0 = (int) Math.floor(fy), y1 = Math.min(y0 + 1, height - 1);
            double ty = fy - y0;
            for (int j = 0; j < w; j++) {
                double fx = Math.min(Math.max((j + 0.5) * sx - 0.5, 0), width - 1);
                int x0 = (int) Math.floor(fx), x1 = Math.min(x0 + 1, width - 1);
                double tx = fx - x0;
                double top = get(y0, x0) * (1 - tx) + get(y0, x1) * tx;
                double bottom = get(y1, x0) * (1 - tx) + get(y1, x1) * tx;
                v[i * w + j] = top * (1 - ty) + bottom * ty;
            }
        }
        return new Heatmap(h, w, v);
    }
}
