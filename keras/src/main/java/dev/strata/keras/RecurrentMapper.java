package dev.strata.keras;

import dev.strata.activations.Activation;
import dev.strata.init.Initializer;
import dev.strata.layers.Bidirectional;
import dev.strata.layers.GRU;
import dev.strata.layers.LSTM;
import dev.strata.layers.Layer;
import dev.strata.layers.SimpleRNN;

/** SimpleRNN, LSTM and GRU (Keras's gate orders i f c o and z r h are Strata's) and Bidirectional. */
final class RecurrentMapper {
    private RecurrentMapper() {}

    static Layer recurrent(KerasLayer k, boolean keras3) {
        if (k.flag("stateful", false)) throw k.unsupported("stateful recurrent layers are not supported");
        if (k.flag("go_backwards", false)) throw k.unsupported("go_backwards = true is not supported outside Bidirectional");
        String n = k.name();
        int units = k.integer("units");
        Activation act = KerasActivations.of(k.config().get("activation"), keras3, k.where());
        boolean bias = k.flag("use_bias", true);
        boolean seq = k.flag("return_sequences", false), state = k.flag("return_state", false);
        var lr = LayerMapper.regularizer(k, "kernel_regularizer");
        var rr = LayerMapper.regularizer(k, "recurrent_regularizer");
        var br = LayerMapper.regularizer(k, "bias_regularizer");
        return switch (k.className()) {
            case "SimpleRNN" -> new SimpleRNN(n, units, act, bias, Initializer.glorotUniform(), Initializer.orthogonal(), Initializer.zeros(),
                    lr, rr, br, seq, state, true);
            case "LSTM" -> new LSTM(n, units, act, gate(k, keras3), bias, Initializer.glorotUniform(), Initializer.orthogonal(),
                    Initializer.zeros(), k.flag("unit_forget_bias", true), lr, rr, br, seq, state, true);
            case "GRU" -> new GRU(n, units, act, gate(k, keras3), bias, Initializer.glorotUniform(), Initializer.orthogonal(),
                    Initializer.zeros(), lr, rr, br, k.flag("reset_after", false), seq, state, true);
            default -> throw k.unsupported("not a recurrent layer");
        };
    }

    private static Activation gate(KerasLayer k, boolean keras3) {
        return KerasActivations.of(k.config().get("recurrent_activation"), keras3, k.where() + " recurrent activation");
    }

    static Bidirectional bidirectional(KerasLayer k, boolean keras3) {
        KerasLayer inner = KerasLayer.of(k.config().path("layer"), k.file());
        if (k.config().hasNonNull("backward_layer")) {
            KerasLayer back = KerasLayer.of(k.config().get("backward_layer"), k.file());
            if (!back.className().equals(inner.className()) || back.integer("units") != inner.integer("units")) {
                throw k.unsupported("a backward layer differing from the forward one is not supported");
            }
        }
        // merge_mode None: the forward and backward outputs stay two tensors (Strata's "none").
        // An absent merge_mode is Keras's default, concat.
        String mode = k.config().has("merge_mode") ? k.text("merge_mode", "none") : "concat";
        Layer rnn = recurrent(new KerasLayer(inner.className(), k.name() + "_" + inner.name(), inner.config(), k.file()), keras3);
        return new Bidirectional(k.name(), rnn, mode);
    }
}
