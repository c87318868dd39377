package dev.strata.inspect.cnn;

import dev.strata.inspect.Gradients;
import dev.strata.model.Model;
import dev.strata.ops.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * A model seen as an image classifier for inspection: one input of shape (height, width,
 * channels) and one output of class scores. The class score is taken before the output softmax
 * by default (keras-vis's advice to swap the last activation for a linear one); {@link #probabilities()}
 * uses the probabilities instead. Holds compiled gradient plans: not thread-safe, one per thread.
 */
public final class ImageClassifier {
    private final Model model;
    private final String output;
    private final boolean logits;
    private final int[] imageShape;
    private final int classes;
    private final Gradients gradients;

    private ImageClassifier(Model model, String output, boolean logits) {
        this.model = model;
        List<String> ins = model.inputNames();
        if (ins.size() != 1) throw new IllegalArgumentException("CNN inspection: model '" + model.name() + "' has inputs " + ins + ", expected one image input");
        imageShape = model.graph().inputShape(ins.get(0));
        if (imageShape.length != 3) {
            throw new IllegalArgumentException("CNN inspection: model '" + model.name() + "' takes inputs of shape " + Arrays.toString(imageShape)
                    + ", expected images (height, width, channels)");
        }
        List<String> outs = model.outputNames();
        if (output == null) {
            if (outs.size() != 1) throw new IllegalArgumentException("CNN inspection: model '" + model.name() + "' has outputs " + outs + "; name one");
            output = outs.get(0);
        }
        if (!outs.contains(output)) throw new IllegalArgumentException("CNN inspection: model '" + model.name() + "' has no output '" + output + "'; its outputs are " + outs);
        int[] os = model.graph().outputShape(output);
        if (os.length != 1) throw new IllegalArgumentException("CNN inspection: output '" + output + "' has shape " + Arrays.toString(os) + ", expected class scores (classes)");
        this.output = output;
        this.logits = logits;
        this.classes = os[0];
        // Inspection reads inputs and activations only: weight gradients would be wasted work.
        this.gradients = Gradients.of(model).linearSoftmax(logits).weightGradients(false);
    }

    /** The model's only output as class scores (before its softmax). */
    public static ImageClassifier of(Model model) {
        return new ImageClassifier(model, null, true);
    }

    /** Output {@code output} as class scores (before its softmax). */
    public static ImageClassifier of(Model model, String output) {
        return new ImageClassifier(model, output, true);
    }

    /** The same classifier scoring classes by their probabilities (after the softmax). */
    public ImageClassifier probabilities() {
        return new ImageClassifier(model, output, false);
    }

    public Model model() { return model; }
    public String output() { return output; }
    /** True when class scores are read before the output softmax. */
    public boolean logits() { return logits; }
    public int classes() { return classes; }
    public int height() { return imageShape[0]; }
    public int width() { return imageShape[1]; }
    public int channels() { return imageShape[2]; }

    /** This classifier's gradient plans (shared by the inspection methods). */
    public Gradients gradients() {
        return gradients;
    }

    /** One image as a batch of one: accepts (h, w, c) or (1, h, w, c); an error names both shapes otherwise. */
    public Tensor batchOf(Tensor image) {
        int[] s = image.shape();
        if (Arrays.equals(s, imageShape)) return image.reshape(1, imageShape[0], imageShape[1], imageShape[2]);
        if (s.length == 4 && s[0] == 1 && Arrays.equals(Arrays.copyOfRange(s, 1, 4), imageShape)) return image;
        throw new IllegalArgumentException("CNN inspection: model '" + model.name() + "' takes images of shape " + Arrays.toString(imageShape)
                + " (or [1, " + imageShape[0] + ", " + imageShape[1] + ", " + imageShape[2] + "]), got " + Arrays.toString(s));
    }

    /** Checks a class index against the output's size. */
    public void checkClass(int classIndex) {
        if (classIndex < 0 || classIndex >= classes) {
            throw new IllegalArgumentException("CNN inspection: class index " + classIndex + " is out of range: output '" + output
                    + "' has " + classes + " classes (0.." + (classes - 1) + ")");
        }
    }

    /** The class probabilities (the output as the model predicts it) for a batch of images. */
    public double[][] predict(Tensor images) {
        double[] all = model.predict(images, output).toDoubleArray();
        double[][] out = new double[all.length / classes][classes];
        for (int r = 0; r < out.length; r++) System.arraycopy(all, r * classes, out[r], 0, classes);
        return out;
    }

    /** The class score of one image as inspection reads it (logit or probability). */
    public double score(Tensor image, int classIndex) {
        checkClass(classIndex);
        return gradients.ofUnit(batchOf(image), output, classIndex).value();
    }
}
