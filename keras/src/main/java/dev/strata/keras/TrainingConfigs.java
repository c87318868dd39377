package dev.strata.keras;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strata.losses.Loss;
import dev.strata.model.Model;
import dev.strata.optimizers.Optimizer;
import dev.strata.training.CompileOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A Keras training configuration (Keras 2's {@code training_config}, Keras 3's {@code compile_config})
 * as Strata compile options. A custom loss, metric or optimizer (or a learning-rate schedule) leaves
 * the model uncompiled; the returned note says why. The optimizer's state is not carried over.
 */
final class TrainingConfigs {
    private TrainingConfigs() {}

    /** Compiles the model when it can; returns a note on what happened, or null when there was no configuration. */
    static String compile(JsonNode training, Model model, String file) {
        if (training == null || training.isNull() || training.isMissingNode()) return null;
        try {
            JsonNode loss = training.path("loss");
            CompileOptions.Builder b = CompileOptions.builder();
            List<String> outputs = model.outputNames();
            lossesInto(loss, outputs, b);
            JsonNode opt = training.has("optimizer_config") ? training.get("optimizer_config") : training.path("optimizer");
            // Keras's compile() defaults to RMSprop when no optimizer is recorded.
            b.optimizer(opt.isMissingNode() || opt.isNull() ? new Optimizer.RMSprop() : opt.isTextual() ? Optimizer.named(opt.asText()) : optimizer(opt));
            JsonNode lw = training.path("loss_weights");
            if (lw.isObject()) lw.fields().forEachRemaining(e -> b.lossWeight(e.getKey(), e.getValue().asDouble()));
            else if (lw.isArray()) for (int i = 0; i < lw.size() && i < outputs.size(); i++) b.lossWeight(outputs.get(i), lw.get(i).asDouble());
            List<String> metrics = new ArrayList<>();
            metricNames(training.path("metrics"), metrics);
            b.metrics(metrics.toArray(String[]::new));
            model.compile(b.build());
            return "compiled from the file's training configuration (optimizer state starts fresh)";
        } catch (IllegalArgumentException | KerasImportException e) {
            return "loaded uncompiled: " + e.getMessage() + " in " + file + "; call compile(...) with Strata's losses and metrics";
        }
    }

    private static void lossesInto(JsonNode loss, List<String> outputs, CompileOptions.Builder b) {
        if (loss.isObject() && !loss.has("class_name")) {
            loss.fields().forEachRemaining(e -> b.loss(e.getKey(), loss(e.getValue())));
        } else if (loss.isArray() && loss.size() == outputs.size()) {
            for (int i = 0; i < outputs.size(); i++) b.loss(outputs.get(i), loss(loss.get(i)));
        } else {
            b.loss(loss(loss));
        }
    }

    private static Optimizer optimizer(JsonNode o) {
        String cls = o.path("class_name").asText("");
        JsonNode c = o.path("config");
        JsonNode lrNode = c.has("learning_rate") ? c.get("learning_rate") : c.get("lr");
        if (lrNode != null && lrNode.isObject()) throw new KerasImportException("the learning-rate schedule " + lrNode.path("class_name").asText() + " is not supported");
        double lr = lrNode == null ? 0.001 : lrNode.asDouble();
        double eps = c.path("epsilon").asDouble(1e-7);
        return switch (cls.toLowerCase(Locale.ROOT)) {
            case "sgd" -> new Optimizer.SGD(c.has("learning_rate") || c.has("lr") ? lr : 0.01, c.path("momentum").asDouble(0),
                    c.path("nesterov").asBoolean(false), c.path("decay").asDouble(0));
            case "adam" -> new Optimizer.Adam(lr, c.path("beta_1").asDouble(0.9), c.path("beta_2").asDouble(0.999), eps);
            case "rmsprop" -> new Optimizer.RMSprop(lr, c.path("rho").asDouble(0.9), eps);
            case "adagrad" -> new Optimizer.Adagrad(lr, eps);
            default -> throw new KerasImportException("the optimizer '" + cls + "' is not supported (sgd, adam, rmsprop, adagrad)");
        };
    }

    private static Loss loss(JsonNode l) {
        if (l.isTextual()) return named(l.asText(), false);
        if (l.isObject()) {
            JsonNode c = l.path("config");
            String cls = l.path("class_name").asText("");
            if (cls.equals("function")) {
                throw new KerasImportException("the loss '" + l.path("config").asText(cls) + "' is a custom function, which Strata never runs");
            }
            if (cls.equals("Huber")) return new Loss.Huber(c.path("delta").asDouble(1.0));
            return named(cls, c.path("from_logits").asBoolean(false));
        }
        throw new KerasImportException("the loss " + l + " is not supported");
    }

    private static Loss named(String name, boolean logits) {
        String n = name.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT).replace("crossentropy", "_crossentropy").replace("__", "_");
        if (n.startsWith("_")) n = n.substring(1);
        try {
            return Loss.named(logits ? n + "_logits" : n);
        } catch (IllegalArgumentException e) {
            throw new KerasImportException("the loss '" + name + "' is custom or not supported (mse, mae, binary_crossentropy, "
                    + "categorical_crossentropy, sparse_categorical_crossentropy, huber)");
        }
    }

    private static void metricNames(JsonNode m, List<String> out) {
        if (m == null || m.isNull() || m.isMissingNode()) return;
        if (m.isTextual()) {
            String n = m.asText().equals("acc") ? "accuracy" : m.asText();
            if (!n.equals("loss") && !out.contains(n)) out.add(n);
        } else if (m.isArray()) {
            for (JsonNode c : m) metricNames(c, out);
        } else if (m.isObject()) {
            if (m.has("class_name")) metricNames(m.path("config").path("name"), out);
            else m.fields().forEachRemaining(e -> metricNames(e.getValue(), out));
        }
    }
}
