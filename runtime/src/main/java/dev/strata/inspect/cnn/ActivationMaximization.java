package dev.strata.inspect.cnn;

import dev.strata.graph.GraphNode;
import dev.strata.inspect.Gradients;
import dev.strata.ops.Tensor;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Activation maximisation (Erhan et al. 2009; keras-vis's {@code visualize_activation}): gradient
 * ascent on the input to raise a class score (read before the output softmax when the classifier
 * reads logits, as keras-vis does) or a filter's mean activation, with the image clamped to
 * {@code [low, high]} after every step.
 *
 * <p>Each step maximises {@code score − l2·mean(x²) − tv·mean(squared neighbour differences)};
 * with jitter the image is rolled by a random offset of up to {@code jitter} pixels before the
 * gradient and the gradient rolled back. The step moves the image by {@code learningRate} in
 * root-mean-square per pixel along the gradient. Seeded: the same settings give the same image.
 *
 * @param steps        gradient steps
 * @param learningRate root-mean-square change of a pixel per step
 * @param l2           weight of the L2 penalty
 * @param tv           weight of the total-variation penalty
 * @param jitter       largest random shift in pixels (0: none)
 * @param low          the input range's lower end
 * @param high         the input range's upper end
 * @param seed         seeds the start image and the jitter
 */
public record ActivationMaximization(int steps, double learningRate, double l2, double tv, int jitter, double low, double high, long seed) {
    public ActivationMaximization {
        if (steps < 1) throw new IllegalArgumentException("activation maximisation: steps must be at least 1, got " + steps);
        if (!(high > low)) throw new IllegalArgumentException("activation maximisation: inputRange needs low < high, got [" + low + ", " + high + "]");
        if (jitter < 0 || l2 < 0 || tv < 0 || !(learningRate > 0)) {
            throw new IllegalArgumentException("activation maximisation: learning rate must be positive and jitter, l2, tv non-negative, got lr "
                    + learningRate + ", jitter " + jitter + ", l2 " + l2 + ", tv " + tv);
        }
    }

    /** 200 steps of 0.05, no penalties, no jitter, input range [0, 1], seed 0. */
    public static ActivationMaximization defaults() {
        return new ActivationMaximization(200, 0.05, 0, 0, 0, 0, 1, 0);
    }

    public ActivationMaximization withSteps(int n) { return new ActivationMaximization(n, learningRate, l2, tv, jitter, low, high, seed); }
    public ActivationMaximization withLearningRate(double lr) { return new ActivationMaximization(steps, lr, l2, tv, jitter, low, high, seed); }
    public ActivationMaximization withL2(double w) { return new ActivationMaximization(steps, learningRate, w, tv, jitter, low, high, seed); }
    public ActivationMaximization withTotalVariation(double w) { return new ActivationMaximization(steps, learningRate, l2, w, jitter, low, high, seed); }
    public ActivationMaximization withJitter(int pixels) { return new ActivationMaximization(steps, learningRate, l2, tv, pixels, low, high, seed); }
    public ActivationMaximization withInputRange(double lo, double hi) { return new ActivationMaximization(steps, learningRate, l2, tv, jitter, lo, hi, seed); }
    public ActivationMaximization withSeed(long s) { return new ActivationMaximization(steps, learningRate, l2, tv, jitter, low, high, s); }

    /**
     * The image found and its objective before every step and after the last.
     *
     * @param image  shaped (height, width, channels), within the input range
     * @param scores {@code steps + 1} values of the class score or filter mean (penalties excluded)
     */
    public record Result(Tensor image, double[] scores) {
        public double first() { return scores[0]; }
        public double last() { return scores[scores.length - 1]; }
    }

    /** Maximises class {@code classIndex}'s score. */
    public Result ofClass(ImageClassifier net, int classIndex) {
        net.checkClass(classIndex);
        return ascend(net, x -> net.gradients().ofUnit(x, net.output(), classIndex));
    }

    /** Maximises the mean activation of channel {@code filter} of layer {@code layer} (a (height, width, channels) map). */
    public Result ofFilter(ImageClassifier net, String layer, int filter) {
        GradCam.requireMaps(net.model(), layer);
        int[] shape = null;
        for (GraphNode n : net.model().graph().nodes()) if (!n.isInput() && n.layer().name().equals(layer)) shape = n.shape();
        int h = shape[0], w = shape[1], k = shape[2];
        if (filter < 0 || filter >= k) {
            throw new IllegalArgumentException("activation maximisation: layer '" + layer + "' has " + k + " channels, filter " + filter + " is out of range");
        }
        double[] weights = new double[h * w * k];
        for (int p = 0; p < h * w; p++) weights[p * k + filter] = 1.0 / (h * w);
        Tensor mask = Tensor.of(weights, 1, h, w, k);
        String input = net.model().inputNames().get(0);
        return ascend(net, x -> net.gradients().ofLayer(Map.of(input, x), layer, mask));
    }

    private Result ascend(ImageClassifier net, java.util.function.Function<Tensor, Gradients.Result> objective) {
        int h = net.height(), w = net.width(), c = net.channels(), n = h * w * c;
        SplittableRandom random = new SplittableRandom(seed);
        double mid = (low + high) / 2, spread = (high - low) * 0.05;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = mid + random.nextDouble(-spread, spread);
        double[] scores = new double[steps + 1];
        for (int step = 0; ; step++) {
            int dy = jitter == 0 ? 0 : random.nextInt(-jitter, jitter + 1), dx = jitter == 0 ? 0 : random.nextInt(-jitter, jitter + 1);
            Tensor seen = Tensor.of(roll(x, h, w, c, dy, dx), 1, h, w, c).to(net.model().dtype());
            Gradients.Result r = objective.apply(seen);
            if (step == steps) {
                // The last score is of the final image itself, without jitter.
                scores[step] = jitter == 0 ? r.value() : objective.apply(Tensor.of(x, 1, h, w, c).to(net.model().dtype())).value();
                break;
            }
            scores[step] = r.value();
            double[] g = roll(r.input().toDoubleArray(), h, w, c, -dy, -dx);
            for (int i = 0; i < n; i++) g[i] -= l2 * 2 * x[i] / n;
            if (tv > 0) addTotalVariationGradient(x, g, h, w, c, tv);
            double rms = 0;
            for (double v : g) rms += v * v;
            rms = Math.sqrt(rms / n);
            if (rms == 0) continue;
            for (int i = 0; i < n; i++) x[i] = Math.min(high, Math.max(low, x[i] + learningRate * g[i] / rms));
        }
        return new Result(Tensor.of(x, h, w, c), scores);
    }

    /** Subtracts tv · d/dx of mean squared differences between vertical and horizontal neighbours. */
    private static void addTotalVariationGradient(double[] x, double[] g, int h, int w, int c, double tv) {
        double scale = tv * 2.0 / (h * w * c);
        for (int y = 0; y < h; y++) {
            for (int xx = 0; xx < w; xx++) {
                for (int k = 0; k < c; k++) {
                    int i = (y * w + xx) * c + k;
                    if (y + 1 < h) {
                        double d = x[i + w * c] - x[i];
                        g[i] += scale * d;
                        g[i + w * c] -= scale * d;
                    }
                    if (xx + 1 < w) {
                        double d = x[i + c] - x[i];
                        g[i] += scale * d;
                        g[i + c] -= scale * d;
                    }
                }
            }
        }
    }

    /** The image shifted by (dy, dx) with wrap-around. */
    private static double[] roll(double[] x, int h, int w, int c, int dy, int dx) {
        if (dy == 0 && dx == 0) return x.clone();
        double[] out = new double[x.length];
        for (int y = 0; y < h; y++) {
            int ty = Math.floorMod(y + dy, h);
            for (int xx = 0; xx < w; xx++) {
                int tx = Math.floorMod(xx + dx, w);
                System.arraycopy(x, (y * w + xx) * c, out, (ty * w + tx) * c, c);
            }
        }
        return out;
    }
}
