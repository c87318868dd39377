package dev.strata.inspect;

import dev.strata.graph.GraphNode;
import dev.strata.losses.Loss;
import dev.strata.model.Model;
import dev.strata.ops.Expr;
import dev.strata.ops.Parameter;
import dev.strata.ops.Plan;
import dev.strata.ops.ReluBackward;
import dev.strata.ops.Tensor;
import dev.strata.training.Trainer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gradients of anything in a model: of the loss (for given inputs and targets), of one output
 * unit or of a whole output, with respect to the inputs, any layer's activations or any weights.
 *
 * <pre>{@code
 * Gradients g = Gradients.of(model);
 * Gradients.Result r = g.ofUnit(x, "out", 3);   // d out[r, 3] / d ...
 * Tensor saliency = r.input();
 * Tensor dConv = r.activation("conv_1");
 * Map<String, Tensor> dKernel = r.weights("dense_1");
 * }</pre>
 *
 * <p>Inference mode (dropout off). The objective sums over the rows of a batch, and rows do not
 * interact in inference, so each row of an input or activation gradient is that row's own gradient.
 * One compiled plan per objective is kept and reused, so repeated calls cost one forward and one
 * backward pass. Not thread-safe: give each thread its own {@code Gradients}.
 */
public final class Gradients {
    private final Model model;
    private final Map<String, Probe> unitProbes = new HashMap<>();
    private Probe lossProbe;
    private ReluBackward rule = ReluBackward.STANDARD;
    private boolean linearSoftmax;
    private boolean weights = true;
    private long generation;

    private Gradients(Model model) {
        this.model = model;
    }

    /** Gradients of {@code model}; plans are compiled on first use. */
    public static Gradients of(Model model) {
        return new Gradients(model);
    }

    /** The model. */
    public Model model() {
        return model;
    }

    /**
     * The rule by which ReLUs pass gradients back in later calls: {@link ReluBackward#GUIDED} and
     * {@link ReluBackward#RECTIFIED} give guided and rectified (deconvnet) saliency. Returns this.
     */
    public Gradients reluBackward(ReluBackward rule) {
        this.rule = rule;
        return this;
    }

    /**
     * Whether later calls compute weight gradients (on by default). Off, a call back-propagates to
     * the inputs and activations only, which is faster; {@link Result#weights} then throws. Returns this.
     */
    public Gradients weightGradients(boolean on) {
        this.weights = on;
        return this;
    }

    /**
     * Whether unit and sum objectives of an output that ends in a softmax read the softmax's input
     * (the class scores before normalisation, as keras-vis and activation maximisation use them)
     * instead of the probabilities. Off by default. Returns this.
     */
    public Gradients linearSoftmax(boolean linear) {
        this.linearSoftmax = linear;
        return this;
    }

    /**
     * Gradients of a weighted sum of layer {@code layer}'s activations, {@code Σ weights ⊙ activations}
     * ({@code weights} shaped like the activations, rows included): a filter's mean activation, one neuron.
     */
    public Result ofLayer(Map<String, Tensor> inputs, String layer, Tensor weights) {
        Probe p = probe(Gradients.Layers.nodeOf(model, layer), false);
        int[] want = concat(rows(inputs), p.rowShape);
        if (!Arrays.equals(want, weights.shape())) {
            throw new IllegalArgumentException("gradients: weights for layer '" + layer + "' must have its activations' shape "
                    + Arrays.toString(want) + ", got " + Arrays.toString(weights.shape()));
        }
        return p.run(inputs, Map.of(p.mask, weights.to(model.dtype())));
    }

    /** Gradients of output {@code output}'s value number {@code unit} (row-major within a row), summed over rows. */
    public Result ofUnit(Tensor x, String output, int unit) {
        return ofUnit(single(x), output, unit);
    }

    /** {@link #ofUnit(Tensor, String, int)} for models with several inputs, fed by name. */
    public Result ofUnit(Map<String, Tensor> inputs, String output, int unit) {
        Probe p = unitProbe(output);
        int perRow = p.perRow;
        if (unit < 0 || unit >= perRow) {
            throw new IllegalArgumentException("gradients: output '" + output + "' of model '" + model.name() + "' has " + perRow
                    + " values per row (shape " + Arrays.toString(p.rowShape) + "), unit " + unit + " is out of range");
        }
        int rows = rows(inputs);
        double[] mask = new double[rows * perRow];
        for (int r = 0; r < rows; r++) mask[r * perRow + unit] = 1;
        return p.run(inputs, Map.of(p.mask, Tensor.of(mask, concat(rows, p.rowShape)).to(model.dtype())));
    }

    /**
     * Gradients of a weighted sum of an output's values, {@code Σ weights ⊙ output}; {@code weights}
     * is shaped like the output (rows included). All ones: the sum of the output.
     */
    public Result ofWeightedSum(Map<String, Tensor> inputs, String output, Tensor weights) {
        Probe p = unitProbe(output);
        int[] want = concat(rows(inputs), p.rowShape);
        if (!Arrays.equals(want, weights.shape())) {
            throw new IllegalArgumentException("gradients: weights for output '" + output + "' must have the output's shape "
                    + Arrays.toString(want) + ", got " + Arrays.toString(weights.shape()));
        }
        return p.run(inputs, Map.of(p.mask, weights.to(model.dtype())));
    }

    /** Gradients of the sum of every value of {@code output}. */
    public Result ofSum(Tensor x, String output) {
        Map<String, Tensor> in = single(x);
        int[] shape = concat(rows(in), unitProbe(output).rowShape);
        double[] ones = new double[Math.toIntExact(Arrays.stream(shape).asLongStream().reduce(1, (a, b) -> a * b))];
        Arrays.fill(ones, 1);
        return ofWeightedSum(in, output, Tensor.of(ones, shape));
    }

    /**
     * Gradients of the compiled model's loss (the weighted sum of its per-output losses, each a mean
     * over rows as in training; weight penalties excluded) for inputs {@code x} and targets {@code y}.
     */
    public Result ofLoss(Tensor x, Tensor y) {
        List<String> outs = model.outputNames();
        if (outs.size() != 1) {
            throw new IllegalArgumentException("gradients: model '" + model.name() + "' has outputs " + outs + "; pass targets by name");
        }
        return ofLoss(single(x), Map.of(outs.get(0), y));
    }

    /** {@link #ofLoss(Tensor, Tensor)} with inputs and targets by name. */
    public Result ofLoss(Map<String, Tensor> inputs, Map<String, Tensor> targets) {
        if (!model.isCompiled()) {
            throw new IllegalStateException("gradients of the loss: model '" + model.name() + "' is not compiled; compile it with a loss first");
        }
        if (lossProbe == null) lossProbe = lossProbe(model.trainer());
        Map<Expr, Tensor> extra = new LinkedHashMap<>();
        lossProbe.targets.forEach((out, t) -> {
            Tensor v = targets.get(out);
            if (v == null) {
                throw new IllegalArgumentException("gradients of the loss: missing targets for output '" + out + "'; outputs with a loss are "
                        + lossProbe.targets.keySet());
            }
            extra.put(t, v);
        });
        return lossProbe.run(inputs, extra);
    }

    private Map<String, Tensor> single(Tensor x) {
        List<String> ins = model.inputNames();
        if (ins.size() != 1) {
            throw new IllegalArgumentException("gradients: model '" + model.name() + "' has inputs " + ins + "; pass them by name");
        }
        return Map.of(ins.get(0), x);
    }

    private static int rows(Map<String, Tensor> inputs) {
        if (inputs.isEmpty()) throw new IllegalArgumentException("gradients: no inputs given");
        return inputs.values().iterator().next().rows();
    }

    private static int[] concat(int rows, int[] rowShape) {
        int[] s = new int[rowShape.length + 1];
        s[0] = rows;
        System.arraycopy(rowShape, 0, s, 1, rowShape.length);
        return s;
    }

    private Probe unitProbe(String output) {
        Integer id = model.graph().outputs().get(output);
        if (id == null) {
            throw new IllegalArgumentException("gradients: model '" + model.name() + "' has no output '" + output
                    + "'; its outputs are " + model.outputNames());
        }
        return probe(id, linearSoftmax);
    }

    /** The probe whose objective is a weighted sum of graph node {@code id}'s values (its logits when {@code logits}). */
    private Probe probe(int id, boolean logits) {
        String key = id + (logits ? "/logits" : "");
        Probe p = unitProbes.get(key);
        if (p != null) return p;
        Map<String, Expr> inputs = model.placeholders();
        Expr[] all = model.expressions(inputs);
        Expr y = all[id];
        if (logits && y.softmaxInput() != null) y = y.softmaxInput();
        Expr mask = Expr.input("unit_weights", y.shape());
        p = new Probe(inputs, all, y.times(mask).sum(), mask, Arrays.copyOfRange(y.shape(), 1, y.rank()), Map.of());
        unitProbes.put(key, p);
        return p;
    }

    private Probe lossProbe(Trainer trainer) {
        Map<String, Expr> inputs = model.placeholders();
        Expr[] all = model.expressions(inputs);
        List<Expr> terms = new ArrayList<>();
        Map<String, Expr> targets = new LinkedHashMap<>();
        for (Map.Entry<String, Loss> e : trainer.losses().entrySet()) {
            Expr y = all[model.graph().outputs().get(e.getKey())];
            int[] ts = e.getValue() instanceof Loss.SparseCategoricalCrossEntropy ? new int[] {-1, 1} : y.shape();
            Expr t = Expr.input("target_" + e.getKey(), ts);
            targets.put(e.getKey(), t);
            double w = trainer.options().lossWeights().getOrDefault(e.getKey(), 1.0);
            Expr l = e.getValue().compute(t, y);
            terms.add(w == 1.0 ? l : l.times(w));
        }
        return new Probe(inputs, all, Expr.sumOf(terms), null, new int[0], targets);
    }

    /** One compiled objective: the plan computes every node of the model and the scalar root. */
    private final class Probe {
        final Map<String, Expr> inputs;
        final Expr[] nodes;
        final Expr root;
        final Expr mask;
        final int[] rowShape;
        final int perRow;
        final Map<String, Expr> targets;
        final Plan plan;

        Probe(Map<String, Expr> inputs, Expr[] nodes, Expr root, Expr mask, int[] rowShape, Map<String, Expr> targets) {
            this.inputs = inputs;
            this.nodes = nodes;
            this.root = root;
            this.mask = mask;
            this.rowShape = rowShape;
            this.perRow = Arrays.stream(rowShape).reduce(1, (a, b) -> a * b);
            this.targets = targets;
            List<Expr> roots = new ArrayList<>();
            roots.add(root);
            roots.addAll(Arrays.asList(nodes));
            plan = Plan.compile(roots, model.dtype(), model.seed());
        }

        Result run(Map<String, Tensor> feed, Map<Expr, Tensor> extra) {
            for (String name : inputs.keySet()) {
                if (!feed.containsKey(name)) throw new IllegalArgumentException("gradients: missing input '" + name + "'; the model's inputs are " + inputs.keySet());
            }
            for (String name : feed.keySet()) {
                if (!inputs.containsKey(name)) throw new IllegalArgumentException("gradients: unknown input '" + name + "'; the model's inputs are " + inputs.keySet());
            }
            feed.forEach((name, v) -> plan.feed(inputs.get(name), v));
            extra.forEach(plan::feed);
            plan.forward(false);
            plan.reluBackward(rule);
            try {
                Expr[] wrt = inputs.values().toArray(new Expr[0]);
                if (weights) plan.backward(root, wrt);
                else plan.backwardToInputs(root, wrt);
            } finally {
                plan.reluBackward(ReluBackward.STANDARD);
            }
            return new Result(this, ++generation, plan.scalar(root), weights);
        }
    }

    /**
     * The gradients of one call, read from the plan on demand: valid until the next call on the same
     * {@code Gradients} (reading a stale result throws).
     */
    public final class Result {
        private final Probe probe;
        private final long stamp;
        private final double value;
        private final boolean withWeights;

        private Result(Probe probe, long stamp, double value, boolean withWeights) {
            this.probe = probe;
            this.stamp = stamp;
            this.value = value;
            this.withWeights = withWeights;
        }

        /** The objective's value (the picked unit or the loss), summed over rows for units. */
        public double value() {
            return value;
        }

        /** The gradient with respect to the single input, shaped like it. */
        public Tensor input() {
            if (probe.inputs.size() != 1) {
                throw new IllegalArgumentException("gradients: model '" + model.name() + "' has inputs " + probe.inputs.keySet() + "; name one");
            }
            return input(probe.inputs.keySet().iterator().next());
        }

        /** The gradient with respect to input {@code name}. */
        public Tensor input(String name) {
            check();
            Expr e = probe.inputs.get(name);
            if (e == null) throw new IllegalArgumentException("gradients: unknown input '" + name + "'; the model's inputs are " + probe.inputs.keySet());
            return gradientOr0(e);
        }

        /** The gradient with respect to the output (activations) of layer {@code layer}, shaped like it. */
        public Tensor activation(String layer) {
            check();
            return gradientOr0(probe.nodes[Layers.nodeOf(model, layer)]);
        }

        /** The value of layer {@code layer}'s output (its activations) in this call's forward pass. */
        public Tensor activationValue(String layer) {
            check();
            return probe.plan.value(probe.nodes[Layers.nodeOf(model, layer)]);
        }

        /** The value of output {@code output} in this call's forward pass. */
        public Tensor output(String output) {
            check();
            Integer id = model.graph().outputs().get(output);
            if (id == null) throw new IllegalArgumentException("gradients: model '" + model.name() + "' has no output '" + output + "'; its outputs are " + model.outputNames());
            return probe.plan.value(probe.nodes[id]);
        }

        /** The gradients with respect to layer {@code layer}'s weights, by short name ("kernel", "bias"). */
        public Map<String, Tensor> weights(String layer) {
            check();
            if (!withWeights) throw new IllegalStateException("gradients: weight gradients were switched off for this call (weightGradients(false))");
            model.layerConfig(layer);
            Map<String, Tensor> out = new LinkedHashMap<>();
            for (Map.Entry<String, Parameter> e : model.weights().of(layer).entrySet()) {
                Parameter p = e.getValue();
                out.put(e.getKey(), p.trainable() ? probe.plan.gradient(p) : Tensor.zeros(model.dtype(), p.shape()));
            }
            return out;
        }

        private Tensor gradientOr0(Expr e) {
            try {
                return probe.plan.gradient(e);
            } catch (IllegalArgumentException notReached) {
                // The objective does not depend on it: the gradient is zero.
                return Tensor.zeros(model.dtype(), probe.plan.value(e).shape());
            }
        }

        private void check() {
            if (stamp != generation) {
                throw new IllegalStateException("gradients: this result was overwritten by a later call on the same Gradients; read it before the next call");
            }
        }
    }

    /** The graph node ids of layers by name, with errors that list the layers. */
    static final class Layers {
        private Layers() {}

        static int nodeOf(Model model, String layer) {
            int found = -1;
            int count = 0;
            for (GraphNode n : model.graph().nodes()) {
                if (!n.isInput() && n.layer().name().equals(layer)) {
                    if (found < 0) found = n.id();
                    count++;
                }
            }
            if (found < 0) {
                throw new IllegalArgumentException("unknown layer '" + layer + "' in model '" + model.name() + "'; layers are " + model.graph().layers().keySet());
            }
            if (count > 1) {
                throw new IllegalArgumentException("layer '" + layer + "' is applied " + count + " times in model '" + model.name()
                        + "': its activations are not one tensor");
            }
            return found;
        }
    }
}
