package dev.strata.model;

import dev.strata.graph.Graph;
import dev.strata.graph.GraphNode;
import dev.strata.layers.Layer;
import dev.strata.layers.LayerWeights;
import dev.strata.layers.ModelLayer;
import dev.strata.layers.WeightSpec;
import dev.strata.ops.DType;
import dev.strata.ops.Expr;
import dev.strata.ops.Parameter;
import dev.strata.ops.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A model: a validated {@link Graph} and its {@link Weights}. Predicting is thread-safe (each
 * thread runs its own plan over the shared, read-only weights). Training lives in
 * {@link dev.strata.training.Trainer}, reached through {@link #compile}.
 */
public final class Model {
    private final String name;
    private final Graph graph;
    private final Weights weights;
    private final long seed;
    private final DType dtype;
    private final ThreadLocal<Inference> inference = ThreadLocal.withInitial(() -> new Inference(this));
    private dev.strata.training.Trainer trainer;
    private volatile ModelLayer asLayer;
    private final Map<String, String> metadata = new LinkedHashMap<>();

    Model(String name, Graph graph, Weights adopted, long seed, DType dtype) {
        this.name = name;
        this.graph = graph;
        this.seed = seed;
        this.dtype = dtype;
        this.weights = adopted;
        createWeights();
    }

    /** A model over an existing graph and weights (sub-models, loading). */
    public static Model of(String name, Graph graph, Weights weights, long seed, DType dtype) {
        return new Model(name, graph, weights, seed, dtype);
    }

    private void createWeights() {
        createWeights(graph, new int[] {0});
    }

    private void createWeights(Graph g, int[] index) {
        for (GraphNode n : g.nodes()) {
            if (n.isInput() || weights.has(n.layer().name())) continue;
            ModelLayer m = ModelLayer.nestedIn(n.layer());
            if (m != null) {
                // A nested model rebuilt from a file: its layers need weights of their own here.
                createWeights(m.graph(), index);
                continue;
            }
            Layer layer = n.layer();
            List<int[]> inShapes = n.inputs().stream().map(i -> g.nodes().get(i).shape()).toList();
            Map<String, Parameter> ps = new LinkedHashMap<>();
            // One stream per layer position: adding a layer later does not change earlier layers' weights.
            SplittableRandom random = new SplittableRandom(seed * 1_000_003L + (index[0]++));
            for (WeightSpec spec : layer.weights(inShapes)) {
                double[] values = spec.initializer().sample(spec.shape(), random);
                ps.put(spec.name(), new Parameter(layer.name() + "/" + spec.name(), Tensor.of(values, spec.shape()), dtype, layer.trainable() && spec.trainable()));
            }
            weights.put(layer.name(), ps);
        }
    }

    /** The model's name. */
    public String name() { return name; }
    /** The graph. */
    public Graph graph() { return graph; }
    /** The weights (shared with sub-models and nesting models). */
    public Weights weights() { return weights; }
    /** The seed given at build time. */
    public long seed() { return seed; }
    /** The precision. */
    public DType dtype() { return dtype; }
    /**
     * Extra state saved with the model, by key, as JSON text: fitted preprocessing (scalers) so a
     * loaded model takes raw rows. Mutable.
     */
    public Map<String, String> metadata() { return metadata; }

    /** Saves architecture, weights, optimizer state and metadata to one file (atomically). */
    public void save(java.nio.file.Path path) {
        dev.strata.io.ModelFile.save(this, path);
    }

    /** Loads a model saved by {@link #save}; compiled again when its losses are built-in. */
    public static Model load(java.nio.file.Path path) {
        return dev.strata.io.ModelFile.load(path);
    }

    /** Input names in declaration order. */
    public List<String> inputNames() { return new ArrayList<>(graph.inputs().keySet()); }
    /** Output names in declaration order. */
    public List<String> outputNames() { return new ArrayList<>(graph.outputs().keySet()); }

    /** This model as a layer of another model. */
    public ModelLayer asLayer() {
        // One layer object per model: applying the model twice shares one set of weights.
        ModelLayer l = asLayer;
        if (l == null) asLayer = l = new ModelLayer(name, graph);
        return l;
    }

    /** Expressions of every node for given input expressions: what plans compile. */
    public Expr[] expressions(Map<String, Expr> inputs) {
        return graph.toExprs(inputs, weights::forLayer);
    }

    /** Fresh input placeholders, batch axis first. */
    public Map<String, Expr> placeholders() {
        Map<String, Expr> m = new LinkedHashMap<>();
        for (String in : graph.inputs().keySet()) {
            int[] s = graph.inputShape(in);
            int[] full = new int[s.length + 1];
            full[0] = -1;
            System.arraycopy(s, 0, full, 1, s.length);
            m.put(in, Expr.input(in, full));
        }
        return m;
    }

    // ----- prediction -----

    /** Predicts every output for the given inputs (by name), in batches of 1,024 rows. */
    public Map<String, Tensor> predictAll(Map<String, Tensor> inputs) {
        return predictAll(inputs, 1024);
    }

    /** Predicts every output for the given inputs, in batches of {@code batchSize} rows. */
    public Map<String, Tensor> predictAll(Map<String, Tensor> inputs, int batchSize) {
        return inference.get().run(inputs, batchSize);
    }

    /** Predicts the single output of a single-input model. */
    public Tensor predict(Tensor x) {
        return predictAll(Map.of(single(inputNames(), "input"), x)).get(single(outputNames(), "output"));
    }

    /** Predicts one output by name from a single input. */
    public Tensor predict(Tensor x, String output) {
        return predictAll(Map.of(single(inputNames(), "input"), x)).get(output);
    }

    /** Predicts a single-output model from named inputs. */
    public Tensor predict(Map<String, Tensor> inputs) {
        return predictAll(inputs).get(single(outputNames(), "output"));
    }

    private String single(List<String> names, String what) {
        if (names.size() != 1) {
            throw new IllegalArgumentException("model '" + name + "' has " + names.size() + " " + what + "s " + names
                    + "; pass them by name with predictAll");
        }
        return names.get(0);
    }

    // ----- weights -----

    /** A sub-model from the same inputs to a layer's output; it shares this model's weights. */
    public Model layer(String layerName) {
        return new Model(layerName, graph.upTo(layerName), weights, seed, dtype);
    }

    /** A layer's configuration by name. */
    public Layer layerConfig(String layerName) {
        Layer l = graph.layers().get(layerName);
        if (l == null) l = nestedLayer(graph, layerName);
        if (l == null) throw new IllegalArgumentException("unknown layer '" + layerName + "'; layers are " + graph.layers().keySet());
        return l;
    }

    private static Layer nestedLayer(Graph g, String name) {
        for (Layer l : g.layers().values()) {
            ModelLayer m = ModelLayer.nestedIn(l);
            if (m == null) continue;
            for (Layer inner : m.innerLayers()) if (inner.name().equals(name)) return inner;
        }
        return null;
    }

    /** Copies of a layer's weights in Keras's order (kernel, then bias); layers of nested models too. */
    public List<Tensor> getWeights(String layerName) {
        layerConfig(layerName);
        return weights.of(layerName).values().stream().map(Parameter::get).toList();
    }

    /** Replaces a layer's weights (Keras order, shapes must match). */
    public void setWeights(String layerName, List<Tensor> values) {
        List<Parameter> ps = new ArrayList<>(weights.of(layerConfig(layerName).name()).values());
        if (ps.size() != values.size()) {
            throw new IllegalArgumentException("layer '" + layerName + "' has " + ps.size() + " weights, got " + values.size());
        }
        for (int i = 0; i < ps.size(); i++) ps.get(i).set(values.get(i));
    }

    /** Copies of every weight, layer by layer. */
    public List<Tensor> getWeights() {
        return weights.all().stream().map(Parameter::get).toList();
    }

    /** Replaces every weight, in the order of {@link #getWeights()}. */
    public void setWeights(List<Tensor> values) {
        List<Parameter> ps = weights.all();
        if (ps.size() != values.size()) throw new IllegalArgumentException("model has " + ps.size() + " weights, got " + values.size());
        for (int i = 0; i < ps.size(); i++) ps.get(i).set(values.get(i));
    }

    /** Freezes or unfreezes a layer's weights; takes effect at the next training step. */
    public void setTrainable(String layerName, boolean trainable) {
        java.util.Set<String> state = stateWeights(graph, layerConfig(layerName));
        weights.of(layerName).forEach((k, p) -> p.setTrainable(trainable && !state.contains(k)));
        if (trainer != null) trainer.invalidate();
    }

    /** Names of a layer's weights that are never trainable (e.g. batch normalization's moving statistics). */
    private static java.util.Set<String> stateWeights(Graph g, Layer layer) {
        for (GraphNode n : g.nodes()) {
            if (n.isInput()) continue;
            if (n.layer().name().equals(layer.name())) {
                List<int[]> in = n.inputs().stream().map(i -> g.nodes().get(i).shape()).toList();
                java.util.Set<String> names = new java.util.HashSet<>();
                for (WeightSpec spec : n.layer().weights(in)) if (!spec.trainable()) names.add(spec.name());
                return names;
            }
            ModelLayer nested = ModelLayer.nestedIn(n.layer());
            if (nested != null) {
                java.util.Set<String> names = stateWeights(nested.graph(), layer);
                if (!names.isEmpty()) return names;
            }
        }
        return java.util.Set.of();
    }

    /** Number of weights, all or trainable only. */
    public long countParams(boolean trainableOnly) {
        return weights.all().stream().filter(p -> !trainableOnly || p.trainable()).mapToLong(Parameter::size).sum();
    }

    // ----- training (delegated) -----

    /** Prepares the model for training; see {@link dev.strata.training.CompileOptions}. */
    public dev.strata.training.Trainer compile(dev.strata.training.CompileOptions options) {
        trainer = new dev.strata.training.Trainer(this, options);
        return trainer;
    }

    /** Trains a single-input, single-output model on arrays (Keras's {@code fit(x, y, ...)}). */
    public dev.strata.training.History fit(Tensor x, Tensor y, dev.strata.training.FitOptions options) {
        return trainer().fit(Map.of(single(inputNames(), "input"), x), Map.of(single(trainedOutputs(), "trained output"), y), options);
    }

    /** Trains on arrays by input and output name. */
    public dev.strata.training.History fit(Map<String, Tensor> x, Map<String, Tensor> y, dev.strata.training.FitOptions options) {
        return trainer().fit(x, y, options);
    }

    /** Losses and metrics of a single-input, single-output model. */
    public Map<String, Double> evaluate(Tensor x, Tensor y) {
        return trainer().evaluate(Map.of(single(inputNames(), "input"), x), Map.of(single(trainedOutputs(), "trained output"), y));
    }

    /** Losses and metrics on arrays by name. */
    public Map<String, Double> evaluate(Map<String, Tensor> x, Map<String, Tensor> y) {
        return trainer().evaluate(x, y);
    }

    /** One training step on one batch of a single-input, single-output model; returns the batch's losses before the update. */
    public Map<String, Double> trainOnBatch(Tensor x, Tensor y) {
        return trainer().trainOnBatch(new dev.strata.training.Batch(Map.of(single(inputNames(), "input"), x),
                Map.of(single(trainedOutputs(), "trained output"), y)));
    }

    private List<String> trainedOutputs() {
        return new ArrayList<>(trainer().losses().keySet());
    }

    /** The trainer set by {@link #compile}. */
    public dev.strata.training.Trainer trainer() {
        if (trainer == null) throw new IllegalStateException("model '" + name + "' is not compiled: call compile(...) before fit, evaluate or trainOnBatch");
        return trainer;
    }

    /** True once compiled. */
    public boolean isCompiled() {
        return trainer != null;
    }

    // ----- inspection -----

    /** Keras's summary table. */
    public String summary() {
        return Summary.of(this);
    }

    /** Per-layer details: name, type, input and output dimensions, parameter count, activation, weights. */
    public String layerDetails() {
        return Summary.details(this);
    }

    LayerWeights weightsFor(Layer l) {
        return weights.forLayer(l);
    }
}
