package dev.strata.metrics;

import java.util.Arrays;
import java.util.Comparator;

/** The arithmetic behind the built-in metrics, on plain arrays. */
public final class Scores {
    private Scores() {}

    public static double mse(double[] t, double[] p) {
        double s = 0;
        for (int i = 0; i < t.length; i++) s += (t[i] - p[i]) * (t[i] - p[i]);
        return s / t.length;
    }

    public static double mae(double[] t, double[] p) {
        double s = 0;
        for (int i = 0; i < t.length; i++) s += Math.abs(t[i] - p[i]);
        return s / t.length;
    }

    /** Coefficient of determination, 1 − SS_res / SS_tot. */
    public static double r2(double[] t, double[] p) {
        double mean = Arrays.stream(t).average().orElse(0);
        double res = 0, tot = 0;
        for (int i = 0; i < t.length; i++) {
            res += (t[i] - p[i]) * (t[i] - p[i]);
            tot += (t[i] - mean) * (t[i] - mean);
        }
        return 1 - res / tot;
    }

    /** Area under the ROC curve (Mann–Whitney, ties counted half). */
    public static double rocAuc(double[] t, double[] p) {
        Integer[] idx = new Integer[p.length];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        Arrays.sort(idx, Comparator.comparingDouble(i -> p[i]));
        double rankSumPos = 0;
        long pos = 0;
        int i = 0;
        while (i < idx.length) {
            int j = i;
            while (j + 1 < idx.length && p[idx[j + 1]] == p[idx[i]]) j++;
            double avgRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (t[idx[k]] > 0.5) {
                    rankSumPos += avgRank;
                    pos++;
                }
            }
            i = j + 1;
        }
        long neg = p.length - pos;
        if (pos == 0 || neg == 0) return Double.NaN;
        return (rankSumPos - pos * (pos + 1) / 2.0) / ((double) pos * neg);
    }

    public static double binaryAccuracy(double[] t, double[] p) {
        int ok = 0;
        for (int i = 0; i < t.length; i++) if ((p[i] > 0.5) == (t[i] > 0.5)) ok++;
        return (double) ok / t.length;
    }

    /** Share of rows whose arg-max prediction equals the target class (one-hot or sparse labels). */
    public static double categoricalAccuracy(double[] t, double[] p, int cols, boolean sparse) {
        int rows = p.length / cols, ok = 0;
        for (int r = 0; r < rows; r++) {
            int best = 0;
            for (int c = 1; c < cols; c++) if (p[r * cols + c] > p[r * cols + best]) best = c;
            int truth;
            if (sparse) {
                truth = (int) t[r];
            } else {
                truth = 0;
                for (int c = 1; c < cols; c++) if (t[r * cols + c] > t[r * cols + truth]) truth = c;
            }
            if (best == truth) ok++;
        }
        return (double) ok / rows;
    }

    /** Counts at threshold 0.5. */
    public record Confusion(long tp, long fp, long fn, long tn) {
        public double precision() { return tp + fp == 0 ? 0 : (double) tp / (tp + fp); }
        public double recall() { return tp + fn == 0 ? 0 : (double) tp / (tp + fn); }
        public double f1() {
            double p = precision(), r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }
    }

    public static Confusion confusion(double[] t, double[] p) {
        long tp = 0, fp = 0, fn = 0, tn = 0;
        for (int i = 0; i < t.length; i++) {
            boolean predicted = p[i] > 0.5, actual = t[i] > 0.5;
            if (predicted && actual) tp++;
            else if (predicted) fp++;
            else if (actual) fn++;
            else tn++;
        }
        return new Confusion(tp, fp, fn, tn);
    }
}
