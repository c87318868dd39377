package dev.strata.training;

import dev.strata.model.Model;
import dev.strata.ops.Parameter;
import dev.strata.ops.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A compiled model's training step split in two, for training loops that run outside the model
 * (data-parallel replicas that average gradients between computing and applying them):
 * {@link #compute} runs forward and backward on one batch and copies the gradient of every
 * trainable weight into one flat array, {@link #apply} makes one optimizer update with a given
 * flat gradient. {@code compute} then {@code apply} of the same gradient is one {@code trainOnBatch}.
 *
 * <p>Also every weight of the model as one flat array ({@link #weights}, {@link #setWeights}), in
 * the order of {@link Model#getWeights()}, for parameter averaging and for shipping weights.
 * Flat arrays are float32: a FLOAT64 model is rounded on the way out. The unweighted loss is used
 * (no sample or class weights). Not thread-safe; one instance per model replica.
 */
public final class GradientStep {
    private final Model model;
    private final Trainer trainer;
    private final List<Parameter> trainable;
    private final int gradientSize;
    private final int weightSize;

    /** The step of a compiled model. */
    public GradientStep(Model model) {
        if (!model.isCompiled()) throw new IllegalStateException("model '" + model.name() + "' is not compiled: compile it before training");
        this.model = model;
        this.trainer = model.trainer();
        // The model's weight order (not the plan's first-use order), so the two flat layouts agree.
        List<Parameter> all = model.weights().all();
        List<Parameter> used = new ArrayList<>(trainer.trainableParameters());
        used.sort(java.util.Comparator.comparingInt(all::indexOf));
        this.trainable = List.copyOf(used);
        long g = 0;
        for (Parameter p : trainable) g += p.size();
        long w = 0;
        for (Tensor t : model.getWeights()) w += t.length();
        if (g > Integer.MAX_VALUE || w > Integer.MAX_VALUE) throw new IllegalArgumentException("model '" + model.name() + "' has more than 2^31 weights");
        this.gradientSize = (int) g;
        this.weightSize = (int) w;
    }

    /** The model. */
    public Model model() { return model; }

    /** Values in the flat gradient: the number of trainable weights. */
    public int gradientSize() { return gradientSize; }

    /** Values in the flat weights: every weight, trainable or not. */
    public int weightSize() { return weightSize; }

    /** Names of the trainable weights, in the order of the flat gradient (that of {@link Model#getWeights()}). */
    public List<String> gradientNames() {
        return trainable.stream().map(Parameter::name).toList();
    }

    /**
     * Forward (in training mode) and backward on one batch without changing the weights; writes
     * d(loss)/d(weights) of the batch's mean loss into {@code gradient} and returns the losses.
     */
    public Map<String, Double> compute(Batch batch, float[] gradient) {
        checkLength(gradient, gradientSize, "gradient");
        Map<String, Double> logs = trainer.backwardOnly(batch);
        int at = 0;
        for (Parameter p : trainable) {
            float[] g = trainer.gradientOf(p).toFloatArray();
            System.arraycopy(g, 0, gradient, at, g.length);
            at += g.length;
        }
        return logs;
    }

    /** One optimizer update (learning rate, slots and step count as in {@code fit}) with a flat gradient. */
    public void apply(float[] gradient) {
        checkLength(gradient, gradientSize, "gradient");
        Map<Parameter, Tensor> parts = new java.util.HashMap<>();
        int at = 0;
        for (Parameter p : trainable) {
            int n = (int) p.size();
            float[] part = new float[n];
            System.arraycopy(gradient, at, part, 0, n);
            parts.put(p, Tensor.of(part, p.shape()).to(p.dtype()));
            at += n;
        }
        trainer.applyGradients(parts);
    }

    /** Restarts the random stream of dropout masks (replicas reseed by their index). */
    public void reseed(long seed) {
        trainer.reseed(seed);
    }

    /** Every weight, flat, in the order of {@link Model#getWeights()}. */
    public float[] weights() {
        float[] out = new float[weightSize];
        int at = 0;
        for (Tensor t : model.getWeights()) {
            float[] v = t.toFloatArray();
            System.arraycopy(v, 0, out, at, v.length);
            at += v.length;
        }
        return out;
    }

    /** Replaces every weight from a flat array in the order of {@link #weights()}. */
    public void setWeights(float[] flat) {
        checkLength(flat, weightSize, "weights");
        List<Tensor> current = model.getWeights();
        List<Tensor> next = new ArrayList<>(current.size());
        int at = 0;
        for (Tensor t : current) {
            int n = (int) t.length();
            float[] part = new float[n];
            System.arraycopy(flat, at, part, 0, n);
            next.add(Tensor.of(part, t.shape()).to(t.dtype()));
            at += n;
        }
        model.setWeights(next);
    }

    private void checkLength(float[] a, int want, String what) {
        if (a.length != want) {
            throw new IllegalArgumentException(what + " of model '" + model.name() + "': expected " + want + " values, got " + a.length);
        }
    }
}
