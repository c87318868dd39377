package dev.strata.bench;

import java.util.ArrayList;
import java.util.List;

import org.deeplearning4j.datasets.iterator.ExistingDataSetIterator;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * The Deeplearning4j 1.0.0-M2.1 side: T1–T3 as {@link MultiLayerNetwork}, T4 as {@link ComputationGraph}.
 *
 * <p>Used the way DL4J's documentation recommends for speed: fp32, workspaces enabled for training and
 * inference (the defaults, set explicitly), minibatches built once as {@link DataSet}s outside the timed
 * region, and one {@code fit(iterator)} call per epoch over an in-memory iterator without background
 * prefetching (the data is already in memory, so a prefetch thread would only compete for the 2 cores).
 * T1 uses DL4J's only momentum SGD, {@link Nesterovs} (Nesterov momentum). T5 and T7 use its
 * {@link LSTM} and {@link SimpleRnn} (batch, time, features layout, last step through
 * {@link LastTimeStep}); it has no GRU layer, so T6 is not run.
 */
public final class Dl4jContender implements Contender {

    @Override
    public String name() {
        return "DL4J";
    }

    /** Everything but T6: DL4J 1.0.0-M2.1 has no GRU layer (with or without reset_after). */
    @Override
    public boolean supports(Task task) {
        return task != Task.T6;
    }

    @Override
    public Trainable prepare(TaskData data, long seed) {
        Task task = data.task();
        return switch (task) {
            case T1 -> network(data, base(seed, new Nesterovs(Task.SGD_LEARNING_RATE, Task.SGD_MOMENTUM)).list()
                    .layer(new DenseLayer.Builder().nIn(4).nOut(10).activation(Activation.TANH).build())
                    .layer(new OutputLayer.Builder(LossFunction.XENT).nIn(10).nOut(1).activation(Activation.SIGMOID).build())
                    .build());
            case T2 -> network(data, base(seed, new Adam(Task.ADAM_LEARNING_RATE)).list()
                    .layer(new DenseLayer.Builder().nIn(784).nOut(256).activation(Activation.RELU).build())
                    .layer(new DenseLayer.Builder().nIn(256).nOut(128).activation(Activation.RELU).build())
                    .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(128).nOut(10).activation(Activation.SOFTMAX).build())
                    .build());
            case T3 -> network(data, base(seed, new Adam(Task.ADAM_LEARNING_RATE)).list()
                    .layer(new ConvolutionLayer.Builder(3, 3).nIn(1).nOut(32).stride(1, 1).activation(Activation.RELU).build())
                    .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                    .layer(new ConvolutionLayer.Builder(3, 3).nOut(64).stride(1, 1).activation(Activation.RELU).build())
                    .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                    .layer(new OutputLayer.Builder(LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX).build())
                    // Flat 784-wide rows in, as with DL4J's MNIST examples; adds the reshape and flatten steps.
                    .setInputType(InputType.convolutionalFlat(28, 28, 1))
                    .build());
            case T4 -> graph(data, twoOutputGraph(seed));
            case T5 -> network(data, sequence(seed, new LSTM.Builder().nOut(Task.RECURRENT_UNITS).activation(Activation.TANH)
                    .gateActivationFunction(Activation.SIGMOID).dataFormat(RNNFormat.NWC).build()));
            case T7 -> network(data, sequence(seed, new SimpleRnn.Builder().nOut(Task.RECURRENT_UNITS).activation(Activation.TANH)
                    .dataFormat(RNNFormat.NWC).build()));
            case T6 -> throw new IllegalArgumentException("DL4J has no GRU layer");
        };
    }

    /** (steps, features) → the recurrent layer's last step → Dense 1 identity with MSE. */
    private static MultiLayerConfiguration sequence(long seed, Layer recurrent) {
        return base(seed, new Adam(Task.ADAM_LEARNING_RATE)).list()
                .layer(new LastTimeStep(recurrent))
                .layer(new OutputLayer.Builder(LossFunction.MSE).nOut(1).activation(Activation.IDENTITY).build())
                .setInputType(InputType.recurrent(Task.SEQUENCE_FEATURES, Task.STEPS, RNNFormat.NWC))
                .build();
    }

    /** Settings shared by every task. */
    private static NeuralNetConfiguration.Builder base(long seed, IUpdater updater) {
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER)
                .updater(updater)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED);
    }

    /** T4: two dense layers, output A off the second; a dense branch off the second feeds output B. */
    private static ComputationGraphConfiguration twoOutputGraph(long seed) {
        return base(seed, new Adam(Task.ADAM_LEARNING_RATE))
                .graphBuilder()
                .addInputs("in")
                .setInputTypes(InputType.feedForward(3))
                .addLayer("d1", new DenseLayer.Builder().nIn(3).nOut(10).activation(Activation.RELU).build(), "in")
                .addLayer("d2", new DenseLayer.Builder().nIn(10).nOut(10).activation(Activation.RELU).build(), "d1")
                .addLayer("outA", regressionOutput(), "d2")
                .addLayer("branch", new DenseLayer.Builder().nIn(10).nOut(10).activation(Activation.RELU).build(), "d2")
                .addLayer("outB", regressionOutput(), "branch")
                .setOutputs("outA", "outB")
                .build();
    }

    /** A 10 → 1 identity output with mean squared error. */
    private static OutputLayer regressionOutput() {
        return new OutputLayer.Builder(LossFunction.MSE).nIn(10).nOut(1).activation(Activation.IDENTITY).build();
    }

    private static Trainable network(TaskData data, MultiLayerConfiguration conf) {
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        List<DataSet> batches = new ArrayList<>();
        int b = data.task().batchSize();
        for (int from = 0; from < data.rows(); from += b) {
            int to = Math.min(data.rows(), from + b);
            INDArray x = matrix(data.features(), from, to);
            if (data.task().recurrent()) x = x.reshape('c', to - from, Task.STEPS, Task.SEQUENCE_FEATURES);
            batches.add(new DataSet(x, matrix(data.labels().get(0), from, to)));
        }
        long[] rowShape = data.task().recurrent() ? new long[] {1, Task.STEPS, Task.SEQUENCE_FEATURES} : new long[] {1, data.featureWidth()};
        // An Iterable-backed iterator can be reset; it reports no async support, so fit() adds no prefetch thread.
        DataSetIterator epoch = new ExistingDataSetIterator(batches);
        return new Trainable() {
            @Override
            public double fitEpoch() {
                epoch.reset();
                net.fit(epoch);
                return net.score();
            }

            @Override
            public float[] predict(float[] row) {
                return net.output(Nd4j.create(row, rowShape, 'c')).toFloatVector();
            }

            @Override
            public void close() {
                net.close();
                batches.clear(); // the batches' native memory is freed once the arrays are collected
            }
        };
    }

    private static Trainable graph(TaskData data, ComputationGraphConfiguration conf) {
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        List<MultiDataSet> batches = new ArrayList<>();
        int b = data.task().batchSize();
        for (int from = 0; from < data.rows(); from += b) {
            int to = Math.min(data.rows(), from + b);
            INDArray[] labels = new INDArray[data.labels().size()];
            for (int k = 0; k < labels.length; k++) {
                labels[k] = matrix(data.labels().get(k), from, to);
            }
            batches.add(new MultiDataSet(new INDArray[] {matrix(data.features(), from, to)}, labels));
        }
        MultiDataSetIterator epoch = new PreparedBatches(batches);
        int width = data.featureWidth();
        return new Trainable() {
            @Override
            public double fitEpoch() {
                epoch.reset();
                net.fit(epoch);
                return net.score();
            }

            @Override
            public float[] predict(float[] row) {
                return net.output(Nd4j.create(row, new long[] {1, width}, 'c'))[0].toFloatVector();
            }

            @Override
            public void close() {
                batches.clear();
            }
        };
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive) as one contiguous fp32 matrix. */
    private static INDArray matrix(float[][] rows, int from, int to) {
        int width = rows[0].length;
        float[] flat = new float[(to - from) * width];
        for (int r = from; r < to; r++) {
            System.arraycopy(rows[r], 0, flat, (r - from) * width, width);
        }
        return Nd4j.create(flat, new long[] {to - from, width}, 'c');
    }

    /**
     * Iterates over minibatches already in memory. DL4J has no list-backed MultiDataSet iterator that
     * passes batches through unchanged and can be reset (IteratorMultiDataSetIterator copies them into
     * merged batches and wraps a one-shot Iterator), hence this one.
     */
    private static final class PreparedBatches implements MultiDataSetIterator {
        private final List<MultiDataSet> batches;
        private int next;

        PreparedBatches(List<MultiDataSet> batches) {
            this.batches = batches;
        }

        @Override
        public boolean hasNext() {
            return next < batches.size();
        }

        @Override
        public MultiDataSet next() {
            return batches.get(next++);
        }

        @Override
        public MultiDataSet next(int num) {
            throw new UnsupportedOperationException("batches are prepared; use next()");
        }

        @Override
        public void setPreProcessor(MultiDataSetPreProcessor preProcessor) {
            throw new UnsupportedOperationException("batches are prepared; no pre-processing");
        }

        @Override
        public MultiDataSetPreProcessor getPreProcessor() {
            return null;
        }

        @Override
        public boolean resetSupported() {
            return true;
        }

        @Override
        public boolean asyncSupported() {
            return false; // in memory already: a prefetch thread would only compete for cores
        }

        @Override
        public void reset() {
            next = 0;
        }
    }
}
