package dev.strata.bench;

import dev.strata.activations.Activation;
import dev.strata.layers.Conv2D;
import dev.strata.layers.Dense;
import dev.strata.layers.Flatten;
import dev.strata.layers.GRU;
import dev.strata.layers.LSTM;
import dev.strata.layers.MaxPool2D;
import dev.strata.layers.SimpleRNN;
import dev.strata.losses.Loss;
import dev.strata.model.Model;
import dev.strata.model.ModelBuilder;
import dev.strata.model.Sequential;
import dev.strata.model.TensorRef;
import dev.strata.ops.DType;
import dev.strata.ops.Tensor;
import dev.strata.optimizers.Optimizer;
import dev.strata.training.Batch;
import dev.strata.training.CompileOptions;
import dev.strata.training.Trainer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Strata on the benchmark tasks, through its public Java API: the models a user would declare
 * (Glorot-uniform weights like DL4J's Xavier, float32), trained one {@code trainOnBatch} per
 * prepared minibatch. With {@code oneThread}, every timed call runs with the native pools (OpenBLAS
 * and libnd4j's OpenMP) at one thread, restored afterwards: the same JVM and data at both thread
 * counts, so the two can be compared epoch for epoch.
 */
public final class StrataContender implements Contender {
    private final boolean oneThread;

    /** Strata at the default thread count (all cores). */
    public StrataContender() {
        this(false);
    }

    /** @param oneThread run every timed call at one native thread */
    public StrataContender(boolean oneThread) {
        this.oneThread = oneThread;
    }

    @Override
    public String name() {
        return oneThread ? "Strata-1t" : "Strata";
    }

    @Override
    public Trainable prepare(TaskData data, long seed) {
        Model model = switch (data.task()) {
            case T1 -> new Sequential(4).add(Dense.of("hidden", 10, Activation.TANH)).add(Dense.of("out", 1, Activation.SIGMOID))
                    .build(seed, DType.FLOAT32);
            case T2 -> new Sequential(784).add(Dense.of("h1", 256, Activation.RELU)).add(Dense.of("h2", 128, Activation.RELU))
                    .add(Dense.of("out", 10, Activation.SOFTMAX)).build(seed, DType.FLOAT32);
            case T3 -> new Sequential(28, 28, 1).add(Conv2D.of("c1", 32, 3, Activation.RELU)).add(MaxPool2D.of("p1", 2))
                    .add(Conv2D.of("c2", 64, 3, Activation.RELU)).add(MaxPool2D.of("p2", 2)).add(new Flatten("flat"))
                    .add(Dense.of("out", 10, Activation.SOFTMAX)).build(seed, DType.FLOAT32);
            case T4 -> twoOutputs(seed);
            case T5 -> sequence(LSTM.of("lstm", Task.RECURRENT_UNITS), seed);
            case T6 -> sequence(GRU.of("gru", Task.RECURRENT_UNITS), seed);
            case T7 -> sequence(SimpleRNN.of("rnn", Task.RECURRENT_UNITS), seed);
        };
        CompileOptions.Builder options = CompileOptions.builder();
        switch (data.task()) {
            case T1 -> options.optimizer(new Optimizer.SGD(Task.SGD_LEARNING_RATE, Task.SGD_MOMENTUM, true, 0))
                    .loss(new Loss.BinaryCrossEntropy(false));
            case T2, T3 -> options.optimizer(new Optimizer.Adam(Task.ADAM_LEARNING_RATE)).loss(new Loss.CategoricalCrossEntropy(false));
            case T4, T5, T6, T7 -> options.optimizer(new Optimizer.Adam(Task.ADAM_LEARNING_RATE)).loss(new Loss.MeanSquaredError());
        }
        Trainer trainer = model.compile(options.build());
        Trainable prepared = new Prepared(model, trainer, batches(model, data), data.task() == Task.T3,
                new java.util.concurrent.atomic.AtomicReference<>());
        return oneThread ? new NativeThreads.OneThread(prepared) : prepared;
    }

    /** (steps, features) → the recurrent layer (Keras defaults, last step only) → Dense 1. */
    private static Model sequence(dev.strata.layers.Layer recurrent, long seed) {
        return new Sequential(Task.STEPS, Task.SEQUENCE_FEATURES).add(recurrent).add(Dense.of("out", 1, Activation.LINEAR))
                .build(seed, DType.FLOAT32);
    }

    private static Model twoOutputs(long seed) {
        ModelBuilder b = new ModelBuilder().name("t4");
        TensorRef x = b.input("x", 3);
        TensorRef h1 = b.apply(Dense.of("h1", 10, Activation.RELU), x);
        TensorRef h2 = b.apply(Dense.of("h2", 10, Activation.RELU), h1);
        b.output("a", b.apply(Dense.of("a", 1, Activation.LINEAR), h2));
        TensorRef branch = b.apply(Dense.of("branch", 10, Activation.RELU), h2);
        b.output("b", b.apply(Dense.of("b", 1, Activation.LINEAR), branch));
        return b.build(seed, DType.FLOAT32);
    }

    /** The task's rows cut into minibatches once, in row order, outside the timed region. */
    private static List<Batch> batches(Model model, TaskData data) {
        int size = data.task().batchSize();
        String input = model.inputNames().get(0);
        List<String> outputs = model.outputNames();
        List<Batch> out = new ArrayList<>();
        for (int from = 0; from < data.rows(); from += size) {
            int to = Math.min(data.rows(), from + size);
            Map<String, Tensor> x = Map.of(input, rows(data.features(), from, to, data.task()));
            Map<String, Tensor> y = new LinkedHashMap<>();
            for (int k = 0; k < outputs.size(); k++) y.put(outputs.get(k), rows(data.labels().get(k), from, to, null));
            out.add(new Batch(x, y));
        }
        return out;
    }

    /** Rows as one tensor: images for T3, sequences for T5–T7, flat rows otherwise ({@code task} null: labels). */
    private static Tensor rows(float[][] values, int from, int to, Task task) {
        int width = values[from].length;
        float[] flat = new float[(to - from) * width];
        for (int r = from; r < to; r++) System.arraycopy(values[r], 0, flat, (r - from) * width, width);
        if (task == Task.T3) return Tensor.of(flat, to - from, 28, 28, 1);
        if (task != null && task.recurrent()) return Tensor.of(flat, to - from, Task.STEPS, Task.SEQUENCE_FEATURES);
        return Tensor.of(flat, to - from, width);
    }

    /** {@code predictor}: a {@link dev.strata.serving.Predictor} of the trained model, made at the first predict (a services' single-row path). */
    private record Prepared(Model model, Trainer trainer, List<Batch> batches, boolean image,
                            java.util.concurrent.atomic.AtomicReference<dev.strata.serving.Predictor> predictor) implements Trainable {
        @Override
        public double fitEpoch() {
            double loss = Double.NaN;
            for (Batch b : batches) loss = trainer.trainOnBatch(b).get("loss");
            return loss;
        }

        @Override
        public float[] predict(float[] row) {
            if (!image) {
                dev.strata.serving.Predictor p = predictor.get();
                if (p == null) predictor.set(p = dev.strata.serving.Predictor.of(model));
                return p.predict(row);
            }
            Tensor x = image ? Tensor.of(row, 1, 28, 28, 1) : Tensor.of(row, 1, row.length);
            return model.predictAll(Map.of(model.inputNames().get(0), x)).values().iterator().next().toFloatArray();
        }
    }
}
