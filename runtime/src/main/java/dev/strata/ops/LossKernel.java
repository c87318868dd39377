package dev.strata.ops;

/**
 * Built-in losses as single kernels of (targets, predictions) → batch-mean scalar, computed in
 * Java loops over native memory: one call forward and one backward instead of a dozen small
 * native ops. Definitions follow Keras (probabilities clipped to [ε, 1 − ε], ε = 1e-7).
 */
final class LossKernel implements Kernel {
    enum Kind { MSE, MAE, BCE, BCE_LOGITS, CCE, CCE_LOGITS, HALF_SSE, HUBER }

    private static final double EPS = 1e-7;
    private final Kind kind;
    private final double delta;

    LossKernel(Kind kind, double delta) {
        this.kind = kind;
        this.delta = delta;
    }

    @Override public String name() { return kind.name().toLowerCase() + "_loss"; }

    @Override
    public int[] outputShape(int[][] in) {
        int[] t = in[0], p = in[1];
        if (!java.util.Arrays.equals(t, p)) {
            throw new IllegalArgumentException(name() + ": targets of shape " + Shapes.show(t) + " do not match predictions of shape " + Shapes.show(p));
        }
        if ((kind == Kind.CCE || kind == Kind.CCE_LOGITS || kind == Kind.HALF_SSE) && p.length < 1) {
            throw new IllegalArgumentException(name() + ": predictions need a class axis, got " + Shapes.show(p));
        }
        return new int[0];
    }

    /** Rows = everything but the last axis (averaged over); units = the last axis. */
    private static int units(Node n) {
        return n.in[1].rank() == 0 ? 1 : (int) n.in[1].size(n.in[1].rank() - 1);
    }

    @Override
    public void forward(Node n) {
        Flat t = new Flat(n.in[0]), p = new Flat(n.in[1]);
        int len = p.length, k = units(n), rows = len / Math.max(1, k);
        double s = 0;
        switch (kind) {
            case MSE -> { for (int i = 0; i < len; i++) { double e = p.get(i) - t.get(i); s += e * e; } s /= len; }
            case MAE -> { for (int i = 0; i < len; i++) s += Math.abs(p.get(i) - t.get(i)); s /= len; }
            case HALF_SSE -> { for (int i = 0; i < len; i++) { double e = p.get(i) - t.get(i); s += 0.5 * e * e; } s /= rows; }
            case HUBER -> {
                for (int i = 0; i < len; i++) {
                    double e = Math.abs(p.get(i) - t.get(i)), q = Math.min(e, delta);
                    s += 0.5 * q * q + delta * (e - q);
                }
                s /= len;
            }
            case BCE -> {
                for (int i = 0; i < len; i++) {
                    double q = clip(p.get(i)), y = t.get(i);
                    s -= y * Math.log(q) + (1 - y) * Math.log(1 - q);
                }
                s /= len;
            }
            case BCE_LOGITS -> {
                for (int i = 0; i < len; i++) {
                    double x = p.get(i), y = t.get(i);
                    s += Math.max(x, 0) - x * y + Math.log1p(Math.exp(-Math.abs(x)));
                }
                s /= len;
            }
            case CCE -> { for (int i = 0; i < len; i++) s -= t.get(i) * Math.log(clip(p.get(i))); s /= rows; }
            case CCE_LOGITS -> {
                for (int r = 0; r < rows; r++) {
                    double lse = logSumExp(p, r * k, k);
                    for (int c = 0; c < k; c++) s -= t.get(r * k + c) * (p.get(r * k + c) - lse);
                }
                s /= rows;
            }
        }
        n.out.putScalar(0, s);
    }

    @Override
    public void backward(Node n) {
        double g = n.grad.getDouble(0);
        Flat t = new Flat(n.in[0]), p = new Flat(n.in[1]);
        Flat gt = n.gin[0] == null ? null : new Flat(n.gin[0]);
        Flat gp = n.gin[1] == null ? null : new Flat(n.gin[1]);
        int len = p.length, k = units(n), rows = len / Math.max(1, k);
        for (int i = 0; i < len; i++) {
            double y = t.get(i), x = p.get(i), dp, dt;
            switch (kind) {
                case MSE -> { dp = 2 * (x - y) / len; dt = -dp; }
                case MAE -> { dp = Math.signum(x - y) / len; dt = -dp; }
                case HALF_SSE -> { dp = (x - y) / rows; dt = -dp; }
                case HUBER -> {
                    double e = x - y;
                    dp = (Math.abs(e) <= delta ? e : delta * Math.signum(e)) / len;
                    dt = -dp;
                }
                case BCE -> {
                    boolean inside = x > EPS && x < 1 - EPS;
                    double q = clip(x);
                    dp = inside ? (q - y) / (q * (1 - q)) / len : 0;
                    dt = (Math.log(1 - q) - Math.log(q)) / len;
                }
                case BCE_LOGITS -> {
                    dp = (sigmoid(x) - y) / len;
                    dt = -x / len;
                }
                case CCE -> {
                    boolean inside = x > EPS && x < 1 - EPS;
                    dp = inside ? -y / x / rows : 0;
                    dt = -Math.log(clip(x)) / rows;
                }
                case CCE_LOGITS -> {
                    int r = i / k;
                    double lse = logSumExp(p, r * k, k);
                    double rowT = 0;
                    for (int c = 0; c < k; c++) rowT += t.get(r * k + c);
                    dp = (Math.exp(x - lse) * rowT - y) / rows;
                    dt = -(x - lse) / rows;
                }
                default -> throw new IllegalStateException(kind.name());
            }
            if (gp != null) gp.set(i, g * dp);
            if (gt != null) gt.set(i, g * dt);
        }
    }

    private static double clip(double q) {
        return Math.min(1 - EPS, Math.max(EPS, q));
    }

    private static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }

    private static double logSumExp(Flat p, int from, int k) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) max = Math.max(max, p.get(from + c));
        double s = 0;
        for (int c = 0; c < k; c++) s += Math.exp(p.get(from + c) - max);
        return max + Math.log(s);
    }
}
