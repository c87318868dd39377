package dev.strata.inspect.cnn;

import dev.strata.ops.Tensor;
import java.util.Arrays;

/**
 * Occlusion sensitivity (Zeiler and Fergus 2014): a {@code size × size} patch of value {@code fill}
 * slides over the image with step {@code stride}; every occluded copy is predicted in one batch and
 * the probabilities of the true and the predicted class are mapped per patch position.
 */
public record Occlusion(int size, int stride, double fill) {
    public Occlusion {
        if (size < 1 || stride < 1) throw new IllegalArgumentException("occlusion: patch size and stride must be positive, got size " + size + ", stride " + stride);
    }

    /** The seed's occlusion: 4×4 patches, stride 4, filled with 0.5. */
    public static Occlusion of(int size, int stride, double fill) {
        return new Occlusion(size, stride, fill);
    }

    /**
     * The occlusion maps of {@code image} for class {@code trueClass} and for the class predicted on
     * the unoccluded image.
     */
    public Result map(ImageClassifier net, Tensor image, int trueClass) {
        net.checkClass(trueClass);
        int h = net.height(), w = net.width(), c = net.channels();
        if (size > h || size > w) {
            throw new IllegalArgumentException("occlusion: a patch of " + size + "x" + size + " does not fit images of " + h + "x" + w);
        }
        double[] x = net.batchOf(image).toDoubleArray();
        int rows = (h - size) / stride + 1, cols = (w - size) / stride + 1;
        double[] batch = new double[(rows * cols + 1) * x.length];
        System.arraycopy(x, 0, batch, 0, x.length); // row 0: the image itself
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                int at = (1 + i * cols + j) * x.length;
                System.arraycopy(x, 0, batch, at, x.length);
                for (int y = i * stride; y < i * stride + size; y++) {
                    for (int xx = j * stride; xx < j * stride + size; xx++) Arrays.fill(batch, at + (y * w + xx) * c, at + (y * w + xx + 1) * c, fill);
                }
            }
        }
        double[][] p = net.predict(Tensor.of(batch, rows * cols + 1, h, w, c).to(net.model().dtype()));
        int predicted = 0;
        for (int k = 1; k < p[0].length; k++) if (p[0][k] > p[0][predicted]) predicted = k;
        double[] t = new double[rows * cols], q = new double[rows * cols];
        for (int k = 0; k < t.length; k++) {
            t[k] = p[1 + k][trueClass];
            q[k] = p[1 + k][predicted];
        }
        return new Result(this, rows, cols, h, w, trueClass, predicted, p[0][trueClass], p[0][predicted], new Heatmap(rows, cols, t), new Heatmap(rows, cols, q));
    }

    /**
     * The maps of one image.
     *
     * @param trueClassByPatch      the true class's probability with the patch at each position (rows × cols)
     * @param predictedClassByPatch the same for the class predicted on the whole image
     * @param baseTrue              the true class's probability on the unoccluded image
     */
    public record Result(Occlusion occlusion, int rows, int cols, int height, int width, int trueClass, int predicted, double baseTrue,
                         double basePredicted, Heatmap trueClassByPatch, Heatmap predictedClassByPatch) {
        /** The largest drop of the true class's probability over patch positions. */
        public double largestDrop() {
            return baseTrue - trueClassByPatch.min();
        }

        /** The true class's probability per pixel: the mean over the patches covering it (unoccluded where none does). */
        public Heatmap trueClassMap() {
            return perPixel(trueClassByPatch, baseTrue);
        }

        /** The predicted class's probability per pixel. */
        public Heatmap predictedClassMap() {
            return perPixel(predictedClassByPatch, basePredicted);
        }

        private Heatmap perPixel(Heatmap byPatch, double base) {
            double[] sum = new double[height * width];
            int[] count = new int[height * width];
            int size = occlusion.size(), stride = occlusion.stride();
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    for (int y = i * stride; y < i * stride + size; y++) {
                        for (int x = j * stride; x < j * stride + size; x++) {
                            sum[y * width + x] += byPatch.get(i, j);
                            count[y * width + x]++;
                        }
                    }
                }
            }
            for (int k = 0; k < sum.length; k++) sum[k] = count[k] == 0 ? base : sum[k] / count[k];
            return new Heatmap(height, width, sum);
        }
    }
}
