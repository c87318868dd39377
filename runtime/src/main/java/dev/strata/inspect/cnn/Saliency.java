package dev.strata.inspect.cnn;

import dev.strata.ops.ReluBackward;
import dev.strata.ops.Tensor;

/**
 * Saliency maps (Simonyan et al. 2014): how a class score responds to each input pixel. The rule
 * picks how the model's ReLUs pass gradients back: {@link ReluBackward#STANDARD} is the vanilla
 * gradient, {@link ReluBackward#GUIDED} guided backpropagation, {@link ReluBackward#RECTIFIED}
 * the deconvnet rule (keras-vis's 'relu' modifier). The rule is applied to the same compiled model.
 */
public final class Saliency {
    private Saliency() {}

    /** The gradient of class {@code classIndex}'s score with respect to the image, shaped (height, width, channels). */
    public static Tensor gradient(ImageClassifier net, Tensor image, int classIndex, ReluBackward rule) {
        net.checkClass(classIndex);
        Tensor batch = net.batchOf(image);
        try {
            Tensor g = net.gradients().reluBackward(rule).ofUnit(batch, net.output(), classIndex).input();
            return g.reshape(net.height(), net.width(), net.channels());
        } finally {
            net.gradients().reluBackward(ReluBackward.STANDARD);
        }
    }

    /** keras-vis's saliency map: the largest absolute gradient over the channels of each pixel. */
    public static Heatmap of(ImageClassifier net, Tensor image, int classIndex, ReluBackward rule) {
        return maxAbsOverChannels(gradient(net, image, classIndex, rule), net);
    }

    static Heatmap maxAbsOverChannels(Tensor g, ImageClassifier net) {
        double[] v = g.toDoubleArray();
        int c = net.channels();
        double[] out = new double[net.height() * net.width()];
        for (int p = 0; p < out.length; p++) {
            double m = 0;
            for (int k = 0; k < c; k++) m = Math.max(m, Math.abs(v[p * c + k]));
            out[p] = m;
        }
        return new Heatmap(net.height(), net.width(), out);
    }
}
