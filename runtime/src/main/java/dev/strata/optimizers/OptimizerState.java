package dev.strata.optimizers;

import dev.strata.ops.Parameter;
import dev.strata.ops.Slot;
import dev.strata.ops.Tensor;
import dev.strata.ops.DType;
import java.util.LinkedHashMap;
import java.util.Map;

/** An optimizer's per-weight slots and its iteration count: saved with the model to resume training. */
public final class OptimizerState {
    private final Optimizer optimizer;
    private final Map<String, Slot[]> slots = new LinkedHashMap<>();
    private long iterations;

    public OptimizerState(Optimizer optimizer) {
        this.optimizer = optimizer;
    }

    /** Applies one update to a weight with its gradient. */
    public void apply(Parameter p, Tensor gradient, double lr) {
        Slot[] s = slots.computeIfAbsent(p.name(), k -> {
            Slot[] fresh = new Slot[optimizer.slots().size()];
            for (int i = 0; i < fresh.length; i++) fresh[i] = Slot.zerosLike(p);
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

    /** A copy of the slots by weight name, as tensors (saving). */
    public Map<String, Tensor[]> slots() {
        Map<String, Tensor[]> copy = new LinkedHashMap<>();
        slots.forEach((name, s) -> {
            Tensor[] t = new Tensor[s.length];
            for (int i = 0; i < s.length; i++) t[i] = s[i].toTensor();
            copy.put(name, t);
        });
        return copy;
    }

    /** Restores one weight's slots (loading), in precision {@code dtype}. */
    public void restore(String weight, Tensor[] values, DType dtype) {
        Slot[] s = new Slot[values.length];
        for (int i = 0; i < values.length; i++) s[i] = Slot.of(values[i], dtype);
        slots.put(weight, s);
    }

    /** The optimizer. */
    public Optimizer optimizer() {
        return optimizer;
    }
}
