package dev.strata.inspect.cnn;

import dev.strata.graph.GraphNode;
import dev.strata.inspect.Gradients;
import dev.strata.model.Model;
import dev.strata.ops.ReluBackward;
import dev.strata.ops.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Grad-CAM (Selvaraju et al. 2017) for any layer with (height, width, channels) output: each
 * channel is weighted by the spatial mean of the class score's gradient with respect to it; the
 * map is the ReLU of the weighted sum of the channels, upsampled bilinearly to the input size.
 */
public final class GradCam {
    private GradCam() {}

    /** Grad-CAM of class {@code classIndex} at layer {@code layer}, at the input's size. */
    public static Heatmap of(ImageClassifier net, Tensor image, int classIndex, String layer) {
        return of(net, image, classIndex, layer, ReluBackward.STANDARD);
    }

    /** Grad-CAM with the channel weights' gradients taken under a ReLU rule (keras-vis's {@code backprop_modifier}). */
    public static Heatmap of(ImageClassifier net, Tensor image, int classIndex, String layer, ReluBackward rule) {
        return coarse(net, image, classIndex, layer, rule).resized(net.height(), net.width());
    }

    /** The map at the layer's own resolution, before upsampling. */
    public static Heatmap coarse(ImageClassifier net, Tensor image, int classIndex, String layer, ReluBackward rule) {
        net.checkClass(classIndex);
        requireMaps(net.model(), layer);
        Tensor batch = net.batchOf(image);
        Gradients g = net.gradients();
        double[] a, d;
        int[] s;
        try {
            Gradients.Result r = g.reluBackward(rule).ofUnit(batch, net.output(), classIndex);
            Tensor grad = r.activation(layer);
            s = grad.shape();
            d = grad.toDoubleArray();
            a = r.activationValue(layer).toDoubleArray();
        } finally {
            g.reluBackward(ReluBackward.STANDARD);
        }
        int h = s[1], w = s[2], k = s[3], n = h * w;
        double[] alpha = new double[k];
        for (int p = 0; p < n; p++) for (int c = 0; c < k; c++) alpha[c] += d[p * k + c] / n;
        double[] cam = new double[n];
        for (int p = 0; p < n; p++) {
            double sum = 0;
            for (int c = 0; c < k; c++) sum += alpha[c] * a[p * k + c];
            cam[p] = Math.max(sum, 0);
        }
        return new Heatmap(h, w, cam);
    }

    /** Guided Grad-CAM: Grad-CAM times the guided-backpropagation saliency map. */
    public static Heatmap guided(ImageClassifier net, Tensor image, int classIndex, String layer) {
        return of(net, image, classIndex, layer).times(Saliency.of(net, image, classIndex, ReluBackward.GUIDED));
    }

    /** The layers of a model whose output is a (height, width, channels) map: the ones Grad-CAM accepts. */
    public static List<String> mapLayers(Model model) {
        List<String> out = new ArrayList<>();
        for (GraphNode n : model.graph().nodes()) {
            if (!n.isInput() && n.shape().length == 3 && !out.contains(n.layer().name())) out.add(n.layer().name());
        }
        return out;
    }

    static void requireMaps(Model model, String layer) {
        model.layerConfig(layer);
        for (GraphNode n : model.graph().nodes()) {
            if (!n.isInput() && n.layer().name().equals(layer) && n.shape().length != 3) {
                throw new IllegalArgumentException("Grad-CAM: layer '" + layer + "' (" + n.layer().typeName() + ") outputs "
                        + Arrays.toString(n.shape()) + ", not (height, width, channels) maps; convolutional layers of model '"
                        + model.name() + "' are " + mapLayers(model));
            }
        }
    }
}
