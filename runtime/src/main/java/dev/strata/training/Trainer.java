package dev.strata.training;

import dev.strata.graph.GraphNode;
import dev.strata.init.Regularizer;
import dev.strata.layers.Layer;
import dev.strata.layers.WeightSpec;
import dev.strata.losses.Loss;
import dev.strata.metrics.Metric;
import dev.strata.model.Model;
import dev.strata.ops.Expr;
import dev.strata.ops.Parameter;
import dev.strata.ops.Plan;
import dev.strata.ops.Tensor;
import dev.strata.optimizers.OptimizerState;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The training loop of a compiled model: {@code fit}, {@code trainOnBatch}, {@code evaluate}.
 * One plan computes the outputs, the per-output losses and their weighted total (plus weight
 * penalties); each step runs it forward and backward and lets the optimizer update the weights.
 */
public final class Trainer {
    private final Model model;
    private final CompileOptions options;
    private final Map<String, Loss> losses = new LinkedHashMap<>();
    private final Map<String, Double> lossWeights = new LinkedHashMap<>();
    private final Map<String, List<Metric>> metrics = new LinkedHashMap<>();
    private OptimizerState optimizerState;
    private TrainingGraph graph;
    private TrainingGraph weightedGraph;
    private double learningRateOverride = Double.NaN;
    private volatile boolean stopRequested;
    private int epochsDone;

    public Trainer(Model model, CompileOptions options) {
        this.model = model;
        this.options = options;
        this.optimizerState = new OptimizerState(options.optimizer());
        for (String out : model.outputNames()) {
            Loss l = options.losses().getOrDefault(out, options.defaultLoss());
            if (l == null) continue;
            losses.put(out, l);
            lossWeights.put(out, options.lossWeights().getOrDefault(out, 1.0));
            List<Metric> ms = new ArrayList<>(options.defaultMetrics());
            ms.addAll(options.metrics().getOrDefault(out, List.of()));
            if (options.accuracyOutputs().contains("*") || options.accuracyOutputs().contains(out)) ms.add(0, Metric.accuracyFor(l));
            metrics.put(out, ms);
        }
        for (String named : options.losses().keySet()) {
            if (!model.outputNames().contains(named)) {
                throw new IllegalArgumentException("loss given for unknown output '" + named + "'; outputs are " + model.outputNames());
            }
        }
        if (losses.isEmpty()) throw new IllegalArgumentException("compile needs a loss for at least one output of " + model.outputNames());
    }

    /** The model being trained. */
    public Model model() { return model; }
    /** The compile options. */
    public CompileOptions options() { return options; }
    /** Losses by output. */
    public Map<String, Loss> losses() { return losses; }
    /** The optimizer's state (saved with the model). */
    public OptimizerState optimizerState() { return optimizerState; }
    /** Replaces the optimizer state (loading). */
    public void restoreOptimizerState(OptimizerState state) { this.optimizerState = state; }
    /** Epochs finished so far, over all calls to fit. */
    public int epochsDone() { return epochsDone; }
    /** Restores the epoch counter (loading). */
    public void setEpochsDone(int epochs) { this.epochsDone = epochs; }
    /** Asks the loop to stop after the current epoch. */
    public void stopTraining() { stopRequested = true; }
    /** True once a stop was asked in this fit. */
    public boolean stopRequested() { return stopRequested; }

    /** The learning rate the next step will use. */
    public double learningRate() {
        if (!Double.isNaN(learningRateOverride)) return learningRateOverride;
        return options.optimizer().decayed(options.optimizer().learningRate(), optimizerState.iterations());
    }

    /** Overrides the learning rate (schedules). */
    public void setLearningRate(double lr) { learningRateOverride = lr; }

    /** Drops compiled plans: after freezing or unfreezing layers. */
    public void invalidate() {
        graph = null;
        weightedGraph = null;
    }

    // ----- fit -----

    /** Trains on in-memory arrays by input and output name. */
    public History fit(Map<String, Tensor> x, Map<String, Tensor> y, FitOptions o) {
        if (!o.sampleWeights().isEmpty()) {
            y = new LinkedHashMap<>(y);
            SampleWeights.attach(y, o.sampleWeights(), x.values().iterator().next().rows());
        }
        ArrayBatchSource all = new ArrayBatchSource(x, y, o.batchSize(), o.shuffle(), model.seed());
        ArrayBatchSource train = all, val = null;
        if (o.validationSplit() > 0) {
            ArrayBatchSource[] parts = all.splitTail(o.validationSplit());
            train = parts[0];
            val = parts[1];
        }
        if (o.validationX() != null) val = new ArrayBatchSource(o.validationX(), o.validationY(), Math.max(o.batchSize(), 256), false, 0);
        return fit(train, val, o);
    }

    /** Trains on batches from a source, validating on {@code validation} (nullable) after each epoch. */
    public History fit(BatchSource train, BatchSource validation, FitOptions o) {
        History history = new History();
        List<Callback> callbacks = new ArrayList<>(o.callbacks());
        if (o.verbose() > 0) callbacks.add(new ProgressDisplay(o.verbose(), o.epochs(), train.batchesPerEpoch()));
        if (!o.classWeight().isEmpty() && losses.size() > 1) {
            throw new IllegalArgumentException("class weights apply to single-output models (Keras's rule); this one trains "
                    + losses.keySet() + ": give per-output sample weights instead");
        }
        stopRequested = false;
        boolean nonFiniteReported = false;
        for (Callback c : callbacks) c.onTrainBegin(this);
        // Keras's initial_epoch: resume at that epoch and stop at `epochs`, numbering epochs as an uninterrupted run would.
        for (int epoch = o.initialEpoch(); epoch < o.epochs() && !stopRequested; epoch++) {
            for (Callback c : callbacks) c.onEpochBegin(epoch, this);
            TrainingGraph g = null;
            Accumulator acc = null;
            int batchIndex = 0;
            try (BatchSource.Batches batches = train.epoch(epoch)) {
                while (batches.hasNext() && !stopRequested) {
                    Batch b = batches.next();
                    if (g == null) {
                        g = SampleWeights.any(b, model.outputNames(), o.classWeight()) ? weightedGraph() : graph();
                        g.plan.reseed(model.seed() * 7919 + epoch);
                        acc = new Accumulator(g);
                    }
                    Map<String, Double> logs = step(g, b, true, true, acc, o.classWeight());
                    double loss = logs.get("loss");
                    if (!Double.isFinite(loss) && !nonFiniteReported) {
                        System.err.println("strata: the training loss is " + loss + " at epoch " + (epoch + 1) + ", batch " + (batchIndex + 1)
                                + " (1-based); the weights are no longer finite. Lower the learning rate, check the data, or add terminateOnNaN()");
                        nonFiniteReported = true;
                    }
                    for (Callback c : callbacks) c.onBatchEnd(epoch, batchIndex, logs, this);
                    batchIndex++;
                }
            }
            if (batchIndex == 0) throw new IllegalStateException("epoch " + epoch + " had no training batches");
            Map<String, Double> logs = acc.logs("");
            if (validation != null) logs.putAll(evaluate(validation, "val_"));
            history.append(epoch, logs);
            epochsDone = epoch + 1;
            for (Callback c : callbacks) c.onEpochEnd(epoch, logs, this);
        }
        for (Callback c : callbacks) c.onTrainEnd(this);
        return history;
    }

    /** One optimisation step on one batch; returns its losses. */
    public Map<String, Double> trainOnBatch(Batch batch) {
        return step(graph(), batch, true, true, null, Map.of());
    }

    /** Forward and backward on one batch, weights left as they are (see {@link GradientStep}). */
    Map<String, Double> backwardOnly(Batch batch) {
        return step(graph(), batch, false, true, null, Map.of());
    }

    /** The trainable weights of the training plan, in the order of {@link GradientStep}'s flat gradient. */
    List<Parameter> trainableParameters() {
        return graph().trainable;
    }

    /** The gradient of a trainable weight from the last {@link #backwardOnly}. */
    Tensor gradientOf(Parameter p) {
        return graph().plan.liveGradient(p);
    }

    /** Restarts the training plan's random stream (dropout masks). */
    void reseed(long seed) {
        graph().plan.reseed(seed);
    }

    /** One optimizer update with the given gradient per trainable weight, at the current learning rate. */
    void applyGradients(Map<Parameter, Tensor> gradients) {
        double lr = learningRate();
        for (Parameter p : graph().trainable) optimizerState.apply(p, gradients.get(p), lr);
        optimizerState.advance();
    }

    /** Losses and metrics on in-memory arrays, as Keras's {@code evaluate}. */
    public Map<String, Double> evaluate(Map<String, Tensor> x, Map<String, Tensor> y) {
        return evaluate(new ArrayBatchSource(x, y, 1024, false, 0), "");
    }

    /** Losses and metrics over a batch source. */
    public Map<String, Double> evaluate(BatchSource source) {
        return evaluate(source, "");
    }

    private Map<String, Double> evaluate(BatchSource source, String prefix) {
        TrainingGraph g = graph();
        Accumulator acc = new Accumulator(g);
        try (BatchSource.Batches batches = source.epoch(0)) {
            while (batches.hasNext()) step(g, batches.next(), false, false, acc, Map.of());
        }
        return acc.logs(prefix);
    }

    private Map<String, Double> step(TrainingGraph g, Batch b, boolean train, boolean backward, Accumulator acc, Map<Integer, Double> classWeight) {
        for (Map.Entry<String, Expr> in : g.inputs.entrySet()) {
            Tensor t = b.inputs().get(in.getKey());
            if (t == null) throw new IllegalArgumentException("batch has no input '" + in.getKey() + "'; it has " + b.inputs().keySet());
            g.plan.feed(in.getValue(), t);
        }
        for (Map.Entry<String, Expr> tg : g.targets.entrySet()) {
            Tensor t = b.targets().get(tg.getKey());
            if (t == null) throw new IllegalArgumentException("batch has no target for output '" + tg.getKey() + "'; it has " + b.targets().keySet());
            Tensor target = conform(t, tg.getValue().shape());
            g.plan.feed(tg.getValue(), target);
            Expr w = g.sampleWeights.get(tg.getKey());
            if (w != null) {
                Tensor weights = SampleWeights.of(b, tg.getKey(), target, classWeight);
                g.plan.feed(w, weights != null ? weights : Tensor.of(ones(target.shape()[0]), target.shape()[0], 1));
            }
        }
        g.plan.forward(train || backward);
        if (backward) g.plan.backward(g.total);
        if (train) {
            double lr = learningRate();
            for (Parameter p : g.trainable) optimizerState.apply(p, g.plan.liveGradient(p), lr);
            optimizerState.advance();
        }
        Map<String, Double> logs = new LinkedHashMap<>();
        logs.put("loss", g.plan.scalar(g.total));
        if (g.outputLosses.size() > 1) g.outputLosses.forEach((k, e) -> logs.put(k + "_loss", g.plan.scalar(e)));
        if (acc != null) acc.add(b, logs);
        return logs;
    }

    private static Tensor conform(Tensor t, int[] shape) {
        int[] s = t.shape();
        if (s.length == 1 && shape.length == 2 && shape[1] == 1) return t.reshape(s[0], 1);
        return t;
    }

    private static double[] ones(int n) {
        double[] v = new double[n];
        java.util.Arrays.fill(v, 1.0);
        return v;
    }

    private TrainingGraph graph() {
        if (graph == null) graph = new TrainingGraph(false);
        return graph;
    }

    /** The graph with a per-sample weight input per output (see {@link PerSampleLoss}). */
    private TrainingGraph weightedGraph() {
        if (weightedGraph == null) weightedGraph = new TrainingGraph(true);
        return weightedGraph;
    }

    /** The expressions and plan of training: outputs, targets, losses, total. */
    private final class TrainingGraph {
        final Map<String, Expr> inputs = model.placeholders();
        final Map<String, Expr> outputs = new LinkedHashMap<>();
        final Map<String, Expr> targets = new LinkedHashMap<>();
        final Map<String, Expr> outputLosses = new LinkedHashMap<>();
        final Map<String, Expr> sampleWeights = new LinkedHashMap<>();
        final Expr total;
        final Plan plan;
        final List<Parameter> trainable = new ArrayList<>();

        TrainingGraph(boolean weighted) {
            Expr[] all = model.expressions(inputs);
            List<Expr> terms = new ArrayList<>();
            for (Map.Entry<String, Loss> e : losses.entrySet()) {
                String out = e.getKey();
                Expr y = all[model.graph().outputs().get(out)];
                int[] ts = y.shape();
                if (e.getValue() instanceof Loss.SparseCategoricalCrossEntropy) ts = new int[] {-1, 1};
                Expr t = Expr.input("target_" + out, ts);
                Expr l;
                if (weighted) {
                    Expr w = Expr.input("sample_weight_" + out, -1, 1);
                    sampleWeights.put(out, w);
                    l = w.times(PerSampleLoss.of(e.getValue(), t, y)).mean();
                } else {
                    l = e.getValue().compute(t, y);
                }
                outputs.put(out, y);
                targets.put(out, t);
                outputLosses.put(out, l);
                double w = lossWeights.get(out);
                terms.add(w == 1.0 ? l : l.times(w));
            }
            terms.addAll(penalties());
            total = Expr.sumOf(terms);
            List<Expr> roots = new ArrayList<>();
            roots.add(total);
            roots.addAll(outputLosses.values());
            roots.addAll(outputs.values());
            plan = Plan.compile(roots, model.dtype(), model.seed());
            for (Parameter p : plan.parameters()) if (p.trainable()) trainable.add(p);
        }

        private List<Expr> penalties() {
            List<Expr> out = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (GraphNode n : model.graph().nodes()) {
                if (n.isInput() || !seen.add(n.layer().name())) continue;
                Layer layer = n.layer();
                List<int[]> shapes = n.inputs().stream().map(i -> model.graph().nodes().get(i).shape()).toList();
                for (WeightSpec spec : layer.weights(shapes)) {
                    Regularizer r = spec.regularizer();
                    Parameter p = model.weights().of(layer.name()).get(spec.name());
                    if (r != null && p != null) out.add(r.penalty(Expr.param(p)));
                }
            }
            return out;
        }
    }

    /** Row-weighted loss averages and collected predictions over an epoch. */
    private final class Accumulator {
        final TrainingGraph g;
        final Map<String, Double> sums = new LinkedHashMap<>();
        final Map<String, List<Tensor>> predictions = new LinkedHashMap<>();
        final Map<String, List<Tensor>> truths = new LinkedHashMap<>();
        long rows;

        Accumulator(TrainingGraph g) {
            this.g = g;
        }

        void add(Batch b, Map<String, Double> logs) {
            int n = b.rows();
            rows += n;
            logs.forEach((k, v) -> sums.merge(k, v * n, Double::sum));
            for (Map.Entry<String, List<Metric>> m : metrics.entrySet()) {
                if (m.getValue().isEmpty()) continue;
                predictions.computeIfAbsent(m.getKey(), k -> new ArrayList<>()).add(g.plan.value(g.outputs.get(m.getKey())));
                truths.computeIfAbsent(m.getKey(), k -> new ArrayList<>()).add(b.targets().get(m.getKey()));
            }
        }

        Map<String, Double> logs(String prefix) {
            Map<String, Double> out = new LinkedHashMap<>();
            sums.forEach((k, v) -> out.put(prefix + k, v / rows));
            boolean single = model.outputNames().size() == 1;
            for (Map.Entry<String, List<Metric>> m : metrics.entrySet()) {
                if (m.getValue().isEmpty()) continue;
                Tensor p = Tensor.concatRows(predictions.get(m.getKey()));
                Tensor t = Tensor.concatRows(truths.get(m.getKey()));
                for (Metric metric : m.getValue()) {
                    String key = single ? metric.name() : m.getKey() + "_" + metric.name();
                    out.put(prefix + key, metric.compute(t, p));
                }
            }
            return out;
        }
    }
}
