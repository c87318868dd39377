package dev.strata.serving;

import dev.strata.activations.Activation;
import dev.strata.graph.Graph;
import dev.strata.graph.GraphNode;
import dev.strata.layers.Dense;
import dev.strata.layers.Dropout;
import dev.strata.model.Model;
import dev.strata.ops.DType;
import dev.strata.ops.RowProduct;
import dev.strata.ops.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * A one-row plan for dense layers fed from one input: a chain (T2) or a tree of them with several
 * outputs (E8's two heads off a shared trunk). No ND4J op, no lock, no allocation per call.
 *
 * <p>Why: an ND4J op costs microseconds of dispatch whatever its size, more than the whole
 * arithmetic of a small network's row (E8's two-output graph took ~70 µs a row on the compiled plan).
 * Small layers ({@code in·units < }{@value #NATIVE_MIN_MACS})
 * run as Java loops over heap copies of the weights (a 4-10-1 row in well under a microsecond);
 * large ones as direct OpenBLAS GEMVs on native copies ({@link RowProduct}), which measured 5× faster
 * than the best Java loop on a 784×256 kernel. Bias and activation are Java loops. Each thread gets
 * its own activation buffers and native scratch rows. Models that are not such a tree (or are
 * float64) get no row plan and run on the model's compiled plan.
 */
final class DenseRowPlan {
    /** Where a layer reads its row: the model's input. */
    private static final int INPUT = -1;

    private final float[][] kernels; // layer → [in × units], row-major; null where the layer runs native
    private final float[][] biases;  // layer → [units], zeros when the layer has no bias
    private final Activation[] activations;
    private final int[] sources;     // layer → the earlier layer whose row it reads, or INPUT
    private final int[] ins;         // layer → input features
    private final int[] units;       // layer → output units
    private final int[] outputOf;    // layer → its index among the outputs, or -1
    private final int[] outputLayers; // output k (the graph's output order) → its layer
    private final RowProduct[] products; // layer → its native product, null for a layer run in Java
    private final ThreadLocal<Buffers> buffers;

    /**
     * Layers with at least this many multiply-adds go native: below it one GEMV's call overhead
     * (~0.3 µs) is more than the Java loop (a 128×10 layer takes ~0.4 µs in Java).
     */
    static final int NATIVE_MIN_MACS = 4096;

    /**
     * One thread's rows: {@code activations[l]} holds layer l's row unless l is an output, whose row
     * goes straight into the caller's array ({@code rows[l]} points at whichever is written this call);
     * {@code single} wraps a one-output call's array without allocating.
     */
    private record Buffers(float[][] activations, float[][] rows, float[][] single, RowProduct.Scratch scratch) {}

    private DenseRowPlan(List<float[]> kernels, List<float[]> biases, List<Activation> activations, int[] sources,
                         int[] ins, int[] units, int[] outputLayers) {
        this.kernels = kernels.toArray(new float[0][]);
        this.biases = biases.toArray(new float[0][]);
        this.activations = activations.toArray(new Activation[0]);
        this.sources = sources;
        this.ins = ins;
        this.units = units;
        this.outputLayers = outputLayers;
        this.outputOf = new int[units.length];
        java.util.Arrays.fill(outputOf, -1);
        for (int k = 0; k < outputLayers.length; k++) outputOf[outputLayers[k]] = k;
        this.products = new RowProduct[this.kernels.length];
        int scratch = 0;
        for (int l = 0; l < products.length; l++) {
            if ((long) ins[l] * units[l] >= NATIVE_MIN_MACS) {
                products[l] = new RowProduct(this.kernels[l], ins[l], units[l]);
                this.kernels[l] = null; // the native copy is the one used
                scratch = Math.max(scratch, Math.max(ins[l], units[l]));
            }
        }
        int scratchWidth = scratch;
        this.buffers = ThreadLocal.withInitial(() -> {
            float[][] b = new float[units.length][];
            for (int l = 0; l < units.length; l++) if (outputOf[l] < 0) b[l] = new float[units[l]];
            return new Buffers(b, new float[units.length][], new float[1][], scratchWidth == 0 ? null : new RowProduct.Scratch(scratchWidth));
        });
    }

    /**
     * The row plan of a float32 single-input model whose every other node is a Dense (or Dropout)
     * layer reading one earlier node, with distinct output layers; null for any other model.
     */
    static DenseRowPlan of(Model model) {
        Graph g = model.graph();
        if (model.dtype() != DType.FLOAT32 || g.inputs().size() != 1 || g.outputs().isEmpty()) return null;
        List<GraphNode> nodes = g.nodes();
        int[] inShape = g.inputShape(g.inputs().keySet().iterator().next());
        if (inShape.length != 1 || !nodes.get(0).isInput()) return null;
        List<float[]> kernels = new ArrayList<>();
        List<float[]> biases = new ArrayList<>();
        List<Activation> acts = new ArrayList<>();
        List<Integer> sources = new ArrayList<>(), ins = new ArrayList<>(), units = new ArrayList<>();
        int[] layerOfNode = new int[nodes.size()]; // node → the layer whose row it is (a Dropout is its source's), or INPUT
        layerOfNode[0] = INPUT;
        for (int i = 1; i < nodes.size(); i++) {
            GraphNode n = nodes.get(i);
            if (n.isInput() || n.inputs().size() != 1 || n.inputs().get(0) >= i) return null;
            int source = layerOfNode[n.inputs().get(0)];
            if (n.layer() instanceof Dropout) { // identity when predicting
                layerOfNode[i] = source;
                continue;
            }
            if (!(n.layer() instanceof Dense d) || !supported(d.activation())) return null;
            List<Tensor> w = model.getWeights(d.name());
            kernels.add(w.get(0).toFloatArray());
            biases.add(d.useBias() ? w.get(1).toFloatArray() : new float[d.units()]);
            acts.add(d.activation());
            sources.add(source);
            ins.add(source == INPUT ? inShape[0] : units.get(source));
            units.add(d.units());
            layerOfNode[i] = kernels.size() - 1;
        }
        int[] outputLayers = new int[g.outputs().size()];
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        int k = 0;
        for (int node : g.outputs().values()) {
            int layer = layerOfNode[node];
            if (layer == INPUT || !seen.add(layer)) return null; // the input itself, or one layer named twice
            outputLayers[k++] = layer;
        }
        if (kernels.isEmpty()) return null;
        return new DenseRowPlan(kernels, biases, acts, ints(sources), ints(ins), ints(units), outputLayers);
    }

    private static int[] ints(List<Integer> xs) {
        return xs.stream().mapToInt(Integer::intValue).toArray();
    }

    private static boolean supported(Activation a) {
        return switch (a.kind()) {
            case LINEAR, RELU, SIGMOID, TANH, SOFTMAX, LEAKY_RELU, ELU -> true;
            default -> false;
        };
    }

    /** Outputs, in the graph's output order. */
    int outputs() {
        return outputLayers.length;
    }

    /** Values per row of output {@code k}. */
    int outputWidth(int k) {
        return units[outputLayers[k]];
    }

    /** Predicts one row into {@code out} (length {@link #outputWidth}(0)) of a one-output plan. */
    void run(float[] row, float[] out) {
        float[][] single = buffers.get().single;
        single[0] = out;
        run(row, single);
        single[0] = null; // hold no caller's array
    }

    /** Predicts one row into {@code outs[k]} (length {@link #outputWidth}(k)) for every output k. */
    void run(float[] row, float[][] outs) {
        Buffers buf = buffers.get();
        float[][] rows = buf.rows;
        for (int l = 0; l < kernels.length; l++) {
            float[] x = sources[l] == INPUT ? row : rows[sources[l]];
            float[] z = outputOf[l] >= 0 ? outs[outputOf[l]] : buf.activations[l];
            rows[l] = z;
            if (products[l] != null) {
                products[l].apply(x, z, buf.scratch);
                addBias(z, biases[l], units[l]);
            } else {
                affine(x, kernels[l], biases[l], z, ins[l], units[l]);
            }
            activate(activations[l], z, units[l]);
        }
        java.util.Arrays.fill(rows, null); // hold no caller's array
    }

    private static void addBias(float[] z, float[] b, int units) {
        for (int j = 0; j < units; j++) z[j] += b[j];
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
