package dev.strata.keras;

import dev.strata.activations.Activation;
import dev.strata.init.Initializer;
import dev.strata.init.Regularizer;
import dev.strata.layers.ActivationLayer;
import dev.strata.layers.Add;
import dev.strata.layers.Average;
import dev.strata.layers.AvgPool1D;
import dev.strata.layers.AvgPool2D;
import dev.strata.layers.BatchNormalization;
import dev.strata.layers.Concatenate;
import dev.strata.layers.Conv1D;
import dev.strata.layers.Conv2D;
import dev.strata.layers.Dense;
import dev.strata.layers.Dropout;
import dev.strata.layers.Embedding;
import dev.strata.layers.Flatten;
import dev.strata.layers.GlobalAveragePooling1D;
import dev.strata.layers.GlobalAveragePooling2D;
import dev.strata.layers.Layer;
import dev.strata.layers.MaxPool1D;
import dev.strata.layers.MaxPool2D;
import dev.strata.layers.Multiply;
import dev.strata.layers.PReLU;
import dev.strata.layers.Permute;
import dev.strata.layers.ReLU;
import dev.strata.layers.Reshape;
import dev.strata.layers.ThresholdedReLU;
import dev.strata.layers.TimeDistributed;
import dev.strata.model.TensorRef;
import dev.strata.ops.Padding;
import java.util.List;

/**
 * Keras layer configs to Strata layers. Only the classes below are known; any other class, a
 * {@code Lambda} or a custom object fails naming the layer, its class and this list — nothing in
 * the file is ever run.
 */
final class LayerMapper {
    static final List<String> SUPPORTED = List.of("InputLayer", "Dense", "Activation", "ReLU", "LeakyReLU", "PReLU", "ELU",
            "ThresholdedReLU", "Softmax", "Dropout", "SpatialDropout1D", "SpatialDropout2D", "GaussianDropout", "GaussianNoise",
            "Flatten", "Reshape", "Permute", "RepeatVector", "Conv1D", "Conv2D", "MaxPooling1D", "MaxPooling2D", "AveragePooling1D",
            "AveragePooling2D", "GlobalAveragePooling1D", "GlobalAveragePooling2D", "BatchNormalization", "Embedding", "SimpleRNN",
            "LSTM", "GRU", "Bidirectional", "TimeDistributed", "Concatenate", "Add", "Multiply", "Average",
            "Sequential", "Functional", "Model");

    private final boolean keras3;

    LayerMapper(boolean keras3) {
        this.keras3 = keras3;
    }

    boolean keras3() {
        return keras3;
    }

    Mapped map(KerasLayer k) {
        String n = k.name();
        return switch (k.className()) {
            case "Dense" -> dense(k);
            case "Activation" -> Mapped.of(new ActivationLayer(n, KerasActivations.of(k.config().get("activation"), keras3, k.where())));
            case "ReLU" -> Mapped.of(new ReLU(n, k.has("max_value") ? k.number("max_value", 0) : null, k.number("negative_slope", 0),
                    k.number("threshold", 0)));
            case "LeakyReLU" -> Mapped.of(new ActivationLayer(n, Activation.leakyRelu(k.number("negative_slope", k.number("alpha", 0.3)))));
            case "ELU" -> Mapped.of(new ActivationLayer(n, Activation.elu(k.number("alpha", 1.0))));
            case "ThresholdedReLU" -> Mapped.of(new ThresholdedReLU(n, k.number("theta", 1.0)));
            case "PReLU" -> Mapped.of(new PReLU(n, k.ints("shared_axes", 1), null, regularizer(k, "alpha_regularizer"), true));
            case "Softmax" -> {
                int[] axis = k.ints("axis", 1);
                if (axis != null && (axis.length != 1 || axis[0] != -1)) throw k.unsupported("softmax over axis " + k.config().get("axis") + "; only the last axis (-1) is supported");
                yield Mapped.of(new ActivationLayer(n, Activation.SOFTMAX));
            }
            case "Dropout", "SpatialDropout1D", "SpatialDropout2D", "GaussianDropout", "GaussianNoise" ->
                    // Identity at inference; in training Strata drops single values (SpatialDropout drops whole channels in Keras).
                    Mapped.of(new Dropout(n, k.className().equals("GaussianNoise") ? 0 : Math.min(k.number("rate", 0), 0.999)));
            case "Flatten" -> flatten(k);
            case "Reshape" -> reshape(k);
            case "Permute" -> Mapped.of(new Permute(n, k.ints("dims", 1)));
            case "RepeatVector" -> repeat(k);
            case "Conv1D" -> conv1d(k);
            case "Conv2D" -> conv2d(k);
            case "MaxPooling1D", "AveragePooling1D" -> pool1d(k);
            case "MaxPooling2D", "AveragePooling2D" -> pool2d(k);
            case "GlobalAveragePooling1D" -> channelsLastAround(k, new GlobalAveragePooling1D(n), 1, false);
            case "GlobalAveragePooling2D" -> channelsLastAround(k, new GlobalAveragePooling2D(n), 2, false);
            case "BatchNormalization" -> batchNorm(k);
            case "Embedding" -> embedding(k);
            case "SimpleRNN", "LSTM", "GRU" -> Mapped.of(RecurrentMapper.recurrent(k, keras3));
            case "Bidirectional" -> Mapped.of(RecurrentMapper.bidirectional(k, keras3));
            case "TimeDistributed" -> timeDistributed(k);
            case "Concatenate" -> {
                int axis = k.integer("axis", -1);
                yield Mapped.of(new Concatenate(n, axis < 0 ? axis : axis - 1));
            }
            case "Add" -> Mapped.of(new Add(n));
            case "Multiply" -> Mapped.of(new Multiply(n));
            case "Average" -> Mapped.of(new Average(n));
            case "Lambda" -> throw k.unsupported("Lambda layers hold Python code, which Strata never runs; rebuild the model without it"
                    + " (supported layers: " + String.join(", ", SUPPORTED) + ")");
            default -> throw k.unsupported("layer class '" + k.className() + "' is not supported (a custom object or a layer Strata lacks);"
                    + " supported: " + String.join(", ", SUPPORTED));
        };
    }

    /** A single Strata layer for use inside a wrapper (TimeDistributed, Bidirectional). */
    Layer single(KerasLayer k) {
        return switch (k.className()) {
            case "Dense" -> denseLayer(k);
            case "Conv1D" -> conv1dLayer(k);
            case "Conv2D" -> conv2dLayer(k);
            case "Flatten" -> new Flatten(k.name());
            case "Dropout" -> new Dropout(k.name(), k.number("rate", 0));
            case "Activation" -> new ActivationLayer(k.name(), KerasActivations.of(k.config().get("activation"), keras3, k.where()));
            case "SimpleRNN", "LSTM", "GRU" -> RecurrentMapper.recurrent(k, keras3);
            default -> throw k.unsupported("wrapping a " + k.className() + " is not supported; wrappers take Dense, Conv1D, Conv2D, Flatten,"
                    + " Dropout, Activation, SimpleRNN, LSTM or GRU");
        };
    }

    static Regularizer regularizer(KerasLayer k, String field) {
        var r = k.config().get(field);
        if (r == null || r.isNull()) return null;
        var c = r.path("config");
        return new Regularizer(c.path("l1").asDouble(0), c.path("l2").asDouble(0));
    }

    private Dense denseLayer(KerasLayer k) {
        return new Dense(k.name(), k.integer("units"), KerasActivations.of(k.config().get("activation"), keras3, k.where()),
                k.flag("use_bias", true), Initializer.glorotUniform(), Initializer.zeros(), regularizer(k, "kernel_regularizer"),
                regularizer(k, "bias_regularizer"), true);
    }

    /** Keras's Dense works on the last axis of any rank: over a sequence it is a time-distributed Dense. */
    private Mapped dense(KerasLayer k) {
        Dense d = denseLayer(k);
        TimeDistributed td = new TimeDistributed(k.name(), d);
        return new Mapped((b, in) -> in[0].shape().length == 2 ? b.apply(td, in) : b.apply(d, in), null);
    }

    private Mapped flatten(KerasLayer k) {
        Flatten f = new Flatten(k.name());
        if (!k.channelsFirst()) return Mapped.of(f);
        return new Mapped((b, in) -> {
            int rank = in[0].shape().length;
            if (rank < 2) return b.apply(f, in);
            return b.apply(f, b.apply(new Permute(k.name() + "_to_channels_last", toChannelsLast(rank)), in));
        }, null);
    }

    private Mapped reshape(KerasLayer k) {
        int[] target = k.ints("target_shape", 1);
        return new Mapped((b, in) -> {
            int[] t = target.clone();
            long known = 1, total = 1;
            int unknown = -1;
            for (int d : in[0].shape()) total *= d;
            for (int i = 0; i < t.length; i++) if (t[i] == -1) unknown = i; else known *= t[i];
            if (unknown >= 0) t[unknown] = (int) (total / known);
            return b.apply(new Reshape(k.name(), t), in);
        }, null);
    }

    /** RepeatVector(n): (features) → (n, features), as a row reshape and n-fold concatenation. */
    private Mapped repeat(KerasLayer k) {
        int times = k.integer("n");
        return new Mapped((b, in) -> {
            int f = in[0].shape()[0];
            TensorRef row = b.apply(new Reshape(k.name() + "_row", new int[] {1, f}), in);
            if (times == 1) return row;
            TensorRef[] copies = new TensorRef[times];
            java.util.Arrays.fill(copies, row);
            return b.apply(new Concatenate(k.name(), 0), copies);
        }, null);
    }

    private Conv1D conv1dLayer(KerasLayer k) {
        int[] dil = k.ints("dilation_rate", 1);
        int[] strides = k.ints("strides", 1);
        if (k.integer("groups", 1) != 1) throw k.unsupported("grouped convolutions (groups > 1) are not supported");
        return new Conv1D(k.name(), k.integer("filters"), k.ints("kernel_size", 1)[0], strides == null ? 1 : strides[0],
                padding(k), dil == null ? 1 : dil[0], KerasActivations.of(k.config().get("activation"), keras3, k.where()),
                k.flag("use_bias", true), null, null, regularizer(k, "kernel_regularizer"), regularizer(k, "bias_regularizer"), true);
    }

    private Conv2D conv2dLayer(KerasLayer k) {
        if (k.integer("groups", 1) != 1) throw k.unsupported("grouped convolutions (groups > 1) are not supported");
        return new Conv2D(k.name(), k.integer("filters"), k.ints("kernel_size", 2), k.ints("strides", 2), padding(k),
                k.ints("dilation_rate", 2), KerasActivations.of(k.config().get("activation"), keras3, k.where()),
                k.flag("use_bias", true), null, null, regularizer(k, "kernel_regularizer"), regularizer(k, "bias_regularizer"), true);
    }

    private Mapped conv1d(KerasLayer k) {
        return channelsLastAround(k, conv1dLayer(k), 1, true);
    }

    private Mapped conv2d(KerasLayer k) {
        return channelsLastAround(k, conv2dLayer(k), 2, true);
    }

    private static Padding padding(KerasLayer k) {
        try {
            return Padding.of(k.text("padding", "valid"));
        } catch (IllegalArgumentException e) {
            throw k.unsupported(e.getMessage());
        }
    }

    private Mapped pool1d(KerasLayer k) {
        int pool = k.ints("pool_size", 1)[0];
        int[] s = k.ints("strides", 1);
        int stride = s == null ? pool : s[0];
        Layer l = k.className().startsWith("Max") ? new MaxPool1D(k.name(), pool, stride, padding(k)) : new AvgPool1D(k.name(), pool, stride, padding(k));
        return channelsLastAround(k, l, 1, true);
    }

    private Mapped pool2d(KerasLayer k) {
        int[] pool = k.ints("pool_size", 2);
        int[] s = k.ints("strides", 2);
        int[] strides = s == null ? pool : s;
        Layer l = k.className().startsWith("Max") ? new MaxPool2D(k.name(), pool, strides, padding(k)) : new AvgPool2D(k.name(), pool, strides, padding(k));
        return channelsLastAround(k, l, 2, true);
    }

    /**
     * Strata's spatial layers are channels-last; a channels-first Keras layer becomes a transpose to
     * channels-last, the layer, and (when the output is still spatial) a transpose back.
     */
    private static Mapped channelsLastAround(KerasLayer k, Layer layer, int spatial, boolean spatialOut) {
        if (!k.channelsFirst()) return Mapped.of(layer);
        int rank = spatial + 1;
        Permute in = new Permute(k.name() + "_to_channels_last", toChannelsLast(rank));
        Permute out = new Permute(k.name() + "_to_channels_first", toChannelsFirst(rank));
        return new Mapped((b, x) -> {
            TensorRef y = b.apply(layer, b.apply(in, x));
            return spatialOut ? b.apply(out, y) : y;
        }, null);
    }

    /** 1-based dims moving axis 1 (channels) to the end: (C, H, W) → (H, W, C). */
    static int[] toChannelsLast(int rank) {
        int[] d = new int[rank];
        for (int i = 0; i < rank - 1; i++) d[i] = i + 2;
        d[rank - 1] = 1;
        return d;
    }

    static int[] toChannelsFirst(int rank) {
        int[] d = new int[rank];
        d[0] = rank;
        for (int i = 1; i < rank; i++) d[i] = i;
        return d;
    }

    private Mapped batchNorm(KerasLayer k) {
        BatchNormalization bn = new BatchNormalization(k.name(), k.number("momentum", 0.99), k.number("epsilon", 1e-3),
                k.flag("center", true), k.flag("scale", true), null, null, null, null, regularizer(k, "beta_regularizer"),
                regularizer(k, "gamma_regularizer"), true);
        int[] axes = k.ints("axis", 1);
        int axis = axes == null ? -1 : axes[0];
        if (axes != null && axes.length != 1) throw k.unsupported("normalizing over several axes " + k.config().get("axis") + " is not supported");
        return new Mapped((b, in) -> {
            int rank = in[0].shape().length + 1;
            if (axis == -1 || axis == rank - 1) return b.apply(bn, in);
            if (axis == 1) {
                TensorRef t = b.apply(new Permute(k.name() + "_to_channels_last", toChannelsLast(rank - 1)), in);
                return b.apply(new Permute(k.name() + "_to_channels_first", toChannelsFirst(rank - 1)), b.apply(bn, t));
            }
            throw k.unsupported("axis " + axis + " is not supported; the last axis (-1) or the channels-first axis 1");
        }, null);
    }

    private Mapped embedding(KerasLayer k) {
        if (k.flag("mask_zero", false)) throw k.unsupported("mask_zero = true (masking) is not supported");
        return Mapped.of(new Embedding(k.name(), k.integer("input_dim"), k.integer("output_dim"), new Initializer.RandomUniform(-0.05, 0.05),
                regularizer(k, "embeddings_regularizer"), true));
    }

    private Mapped timeDistributed(KerasLayer k) {
        KerasLayer inner = KerasLayer.of(k.config().path("layer"), k.file());
        return Mapped.of(new TimeDistributed(k.name(), single(inner)));
    }
}
