package dev.strata.ops;

/**
 * Folds the axis after the batch into the batch, (batch, time, ...) → (batch·time, ...), or unfolds
 * it back: time-distributed layers run batch-wise layers on every step at once. A folded batch
 * axis has the static size −time (see {@link Shapes#resolve}); a fixed batch size b folds to b·time.
 */
final class TimeFold implements Kernel {
    private final boolean fold;
    private final int steps;

    /** Folds when {@code steps} is 0; otherwise unfolds into {@code steps} time steps. */
    TimeFold(int steps) {
        this.fold = steps == 0;
        this.steps = steps;
    }

    @Override public String name() { return fold ? "fold_time" : "unfold_time"; }

    @Override
    public int[] outputShape(int[][] in) {
        int[] s = in[0];
        if (s.length < 1) throw new IllegalArgumentException(name() + ": expected a batch axis first, got " + Shapes.show(s));
        if (fold) {
            if (s.length < 3) throw new IllegalArgumentException("fold_time: expected (batch, time, features...), got " + Shapes.show(s));
            int[] out = new int[s.length - 1];
            out[0] = s[0] * s[1];
            System.arraycopy(s, 2, out, 1, s.length - 2);
            return out;
        }
        if (steps <= 0 || s[0] % steps != 0) {
            throw new IllegalArgumentException("unfold_time: " + Shapes.show(s) + " does not hold " + steps + " steps per sample");
        }
        int[] out = new int[s.length + 1];
        out[0] = s[0] / steps;
        out[1] = steps;
        System.arraycopy(s, 1, out, 2, s.length - 1);
        return out;
    }

    @Override
    public void forward(Node n) {
        n.out.assign(n.in[0].reshape('c', n.out.shape()));
    }

    @Override
    public void backward(Node n) {
        if (n.gin[0] != null) n.gin[0].assign(n.grad.reshape('c', n.gin[0].shape()));
    }
}
