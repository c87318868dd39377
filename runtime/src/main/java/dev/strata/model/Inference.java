package dev.strata.model;

import dev.strata.ops.Expr;
import dev.strata.ops.Plan;
import dev.strata.ops.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One thread's inference plan for a model: forward only, dropout off. */
final class Inference {
    private final Map<String, Expr> inputs;
    private final Map<String, Expr> outputs = new LinkedHashMap<>();
    private final Plan plan;

    Inference(Model model) {
        inputs = model.placeholders();
        Expr[] all = model.expressions(inputs);
        model.graph().outputs().forEach((name, id) -> outputs.put(name, all[id]));
        plan = Plan.compile(new ArrayList<>(outputs.values()), model.dtype(), model.seed());
    }

    Map<String, Tensor> run(Map<String, Tensor> feed, int batchSize) {
        for (String name : inputs.keySet()) {
            if (!feed.containsKey(name)) throw new IllegalArgumentException("missing input '" + name + "'; the model's inputs are " + inputs.keySet());
        }
        for (String name : feed.keySet()) {
            if (!inputs.containsKey(name)) throw new IllegalArgumentException("unknown input '" + name + "'; the model's inputs are " + inputs.keySet());
        }
        int rows = feed.values().iterator().next().rows();
        if (rows <= batchSize) return once(feed);
        Map<String, List<Tensor>> parts = new LinkedHashMap<>();
        for (int from = 0; from < rows; from += batchSize) {
            int to = Math.min(rows, from + batchSize);
            Map<String, Tensor> chunk = new LinkedHashMap<>();
            for (Map.Entry<String, Tensor> e : feed.entrySet()) chunk.put(e.getKey(), e.getValue().rows(from, to));
            once(chunk).forEach((k, v) -> parts.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        parts.forEach((k, v) -> out.put(k, Tensor.concatRows(v)));
        return out;
    }

    private Map<String, Tensor> once(Map<String, Tensor> feed) {
        feed.forEach((name, value) -> plan.feed(inputs.get(name), value));
        plan.forward(false);
        Map<String, Tensor> out = new LinkedHashMap<>();
        outputs.forEach((name, e) -> out.put(name, plan.value(e)));
        return out;
    }
}
