package dev.strata.callbacks;

/** Whether a monitored value improves by going down or up; AUTO guesses from its name as Keras does. */
public enum Mode {
    MIN, MAX, AUTO;

    /** True when {@code value} improves on {@code best} by more than {@code minDelta} for this monitor. */
    boolean improves(String monitor, double value, double best, double minDelta) {
        boolean max = this == MAX || (this == AUTO && maximizes(monitor));
        return max ? value > best + minDelta : value < best - minDelta;
    }

    /** The worst starting value. */
    double worst(String monitor) {
        boolean max = this == MAX || (this == AUTO && maximizes(monitor));
        return max ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }

    private static boolean maximizes(String monitor) {
        String m = monitor.toLowerCase();
        return m.contains("acc") || m.contains("auc") || m.endsWith("r2") || m.contains("precision") || m.contains("recall") || m.endsWith("f1");
    }
}
