package dev.strata.serving;

import dev.strata.activations.Activation;
import dev.strata.graph.Graph;
import dev.strata.graph.GraphNode;
import dev.strata.layers.Dense;
import dev.strata.layers.Dropout;
import dev.strata.model.Model;
import dev.strata.ops.DType;
import dev.strata.ops.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * A one-row plan for a chain of dense layers, as plain Java loops over heap copies of the weights.
 *
 * <p>Why: a call into libnd4j/OpenBLAS costs microseconds whatever its size, more than the whole
 * arithmetic of a small network's single row; a float loop the JIT vectorises (an axpy per input
 * feature over the kernel's contiguous rows) does a 784-256-128-10 row in tens of microseconds and
 * a 4-10-1 row in well under one. Each thread gets its own activation buffers, so there is no lock
 * and no allocation per call. Models that are not such a chain (or are float64) get no row plan and
 * run on the model's compiled plan.
 */
final class DenseRowPlan {
    private final float[][] kernels; // layer → [in × units], row-major
    private final float[][] biases;  // layer → [units], zeros when the layer has no bias
    private final Activation[] activations;
    private final int[] widths;      // widths[0] = input features, widths[l + 1] = layer l's units
    private final ThreadLocal<float[][]> buffers;

    private DenseRowPlan(List<float[]> kernels, List<float[]> biases, List<Activation> activations, int[] widths) {
        this.kernels = kernels.toArray(new float[0][]);
        this.biases = biases.toArray(new float[0][]);
        this.activations = activations.toArray(new Activation[0]);
        this.widths = widths;
        this.buffers = ThreadLocal.withInitial(() -> {
            float[][] b = new float[widths.length][];
            for (int i = 1; i < widths.length; i++) b[i] = new float[widths[i]];
            return b;
        });
    }

    /** The row plan of a float32 single-input, single-output chain of Dense (and Dropout) layers, or null. */
    static DenseRowPlan of(Model model) {
        Graph g = model.graph();
        if (model.dtype() != DType.FLOAT32 || g.inputs().size() != 1 || g.outputs().size() != 1) return null;
        List<GraphNode> nodes = g.nodes();
        int[] inShape = g.inputShape(g.inputs().keySet().iterator().next());
        if (inShape.length != 1 || !nodes.get(0).isInput()) return null;
        List<float[]> kernels = new ArrayList<>();
        List<float[]> biases = new ArrayList<>();
        List<Activation> acts = new ArrayList<>();
        List<Integer> widths = new ArrayList<>(List.of(inShape[0]));
        for (int i = 1; i < nodes.size(); i++) {
            GraphNode n = nodes.get(i);
            if (n.isInput() || n.inputs().size() != 1 || n.inputs().get(0) != i - 1) return null;
            if (n.layer() instanceof Dropout) continue; // identity when predicting
            if (!(n.layer() instanceof Dense d) || !supported(d.activation())) return null;
            List<Tensor> w = model.getWeights(d.name());
            kernels.add(w.get(0).toFloatArray());
            biases.add(d.useBias() ? w.get(1).toFloatArray() : new float[d.units()]);
            acts.add(d.activation());
            widths.add(d.units());
        }
        if (kernels.isEmpty() || g.outputs().values().iterator().next() != nodes.size() - 1) return null;
        return new DenseRowPlan(kernels, biases, acts, widths.stream().mapToInt(Integer::intValue).toArray());
    }

    private static boolean supported(Activation a) {
        return switch (a.kind()) {
            case LINEAR, RELU, SIGMOID, TANH, SOFTMAX, LEAKY_RELU, ELU -> true;
            default -> false;
        };
    }

    int inputWidth() {
        return widths[0];
    }

    int outputWidth() {
        return widths[widths.length - 1];
    }

    /** Predicts one row into {@code out} (length {@link #outputWidth()}). */
    void run(float[] row, float[] out) {
        float[][] buf = buffers.get();
        float[] x = row;
        int last = kernels.length - 1;
        for (int l = 0; l <= last; l++) {
            float[] z = l == last ? out : buf[l + 1];
            affine(x, kernels[l], biases[l], z, widths[l], widths[l + 1]);
            activate(activations[l], z, widths[l + 1]);
            x = z;
        }
    }

    /**
     * z = x·W + b as contiguous axpys over the kernel's rows, four input features per pass so that z
     * is loaded and stored a quarter as often: the inner loops vectorise.
     */
    private static void affine(float[] x, float[] w, float[] b, float[] z, int in, int units) {
        System.arraycopy(b, 0, z, 0, units);
        int i = 0;
        for (; i + 3 < in; i += 4) {
            float x0 = x[i], x1 = x[i + 1], x2 = x[i + 2], x3 = x[i + 3];
            if (x0 == 0f && x1 == 0f && x2 == 0f && x3 == 0f) continue; // ReLU outputs are often zero
            int b0 = i * units, b1 = b0 + units, b2 = b1 + units, b3 = b2 + units;
            for (int j = 0; j < units; j++) z[j] += x0 * w[b0 + j] + x1 * w[b1 + j] + x2 * w[b2 + j] + x3 * w[b3 + j];
        }
        for (; i < in; i++) {
            float xi = x[i];
            int base = i * units;
            for (int j = 0; j < units; j++) z[j] += xi * w[base + j];
        }
    }

    private static void activate(Activation a, float[] z, int n) {
        switch (a.kind()) {
            case LINEAR -> { }
            case RELU -> { for (int j = 0; j < n; j++) z[j] = Math.max(z[j], 0f); }
            case SIGMOID -> { for (int j = 0; j < n; j++) z[j] = (float) (1.0 / (1.0 + Math.exp(-z[j]))); }
            case TANH -> { for (int j = 0; j < n; j++) z[j] = (float) Math.tanh(z[j]); }
            case LEAKY_RELU -> {
                float alpha = (float) a.alpha();
                for (int j = 0; j < n; j++) z[j] = z[j] >= 0f ? z[j] : alpha * z[j];
            }
            case ELU -> {
                double alpha = a.alpha();
                for (int j = 0; j < n; j++) z[j] = z[j] > 0f ? z[j] : (float) (alpha * Math.expm1(z[j]));
            }
            case SOFTMAX -> {
                float max = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < n; j++) max = Math.max(max, z[j]);
                double sum = 0;
                for (int j = 0; j < n; j++) {
                    float e = (float) Math.exp(z[j] - max);
                    z[j] = e;
                    sum += e;
                }
                float inv = (float) (1.0 / sum);
                for (int j = 0; j < n; j++) z[j] *= inv;
            }
            default -> throw new IllegalStateException("no row kernel for " + a.kind());
        }
    }
}
