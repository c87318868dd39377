package dev.strata.optimizers;

import dev.strata.ops.Parameter;
import dev.strata.ops.Tensor;
import dev.strata.ops.Updates;
import java.util.LinkedHashMap;
import java.util.Map;

/** An optimizer's per-weight slots and its iteration count: saved with the model to resume training. */
public final class OptimizerState {
    private final Optimizer optimizer;
    private final Map<String, Tensor[]> slots = new LinkedHashMap<>();
    private long iterations;

    public OptimizerState(Optimizer optimizer) {
        this.optimizer = optimizer;
    }

    /** Applies one update to a weight with its gradient. */
    public void apply(Parameter p, Tensor gradient, double lr) {
        Tensor[] s = slots.computeIfAbsent(p.name(), k -> {
            Tensor[] fresh = new Tensor[optimizer.slots().size()];
            for (int i = 0; i < fresh.length; i++) fresh[i] = Updates.zerosLike(p);
            return fresh;
        });
        optimizer.update(p, gradient, s, lr, iterations + 1);
    }

    /** Counts one finished step. */
    public void advance() {
        iterations++;
    }

    /** Steps taken so far. */
    public long iterations() {
        return iterations;
    }

    /** Restores the step count (loading). */
    public void setIterations(long iterations) {
        this.iterations = iterations;
    }

    /** The slots by weight name (live; for saving). */
    public Map<String, Tensor[]> slots() {
        return slots;
    }

    /** Restores one weight's slots (loading). */
    public void restore(String weight, Tensor[] values) {
        slots.put(weight, values);
    }

    /** The optimizer. */
    public Optimizer optimizer() {
        return optimizer;
    }
}
