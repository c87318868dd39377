package dev.strata.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Collects the measurements and prints them as tables, ending with the machine-readable line
 * {@code RESULT t1_ratio=… … t7_ratio=… t2_gemm_share=… t1_predict_p50_us=… t5_s=… t6_s=… t7_s=…
 * t5_predict_p50_us=… threads_t1=… … threads_t7=… threads_max=…}. A ratio is baseline time / subject time
 * (above 1: the subject is faster), taken on median epochs; {@code tN_s} are the subject's median
 * seconds per epoch; {@code threads_tN} is the subject's median at the default thread count over its
 * median at one thread (at most 1.05 is the goal), {@code threads_max} the largest of them. The other
 * figures are the subject's. Anything missing prints "n/a".
 */
public final class Report {
    private static final String NA = "n/a";

    private final String baseline;
    private final String subject;
    private final String single;
    private final Map<Task, String> sources = new EnumMap<>(Task.class);
    private final Map<Task, Map<String, Harness.Timing>> training = new EnumMap<>(Task.class);
    private final Map<Task, Map<String, Latency.Percentiles>> predict = new EnumMap<>(Task.class);
    private GemmCeiling.Report gemm;

    /**
     * @param baseline name of the reference contender (DL4J)
     * @param subject  name of the contender under test (Strata)
     * @param single   name of the subject at one native thread
     */
    public Report(String baseline, String subject, String single) {
        this.baseline = baseline;
        this.subject = subject;
        this.single = single;
    }

    /** Records the training timing of one contender on one task. */
    public void training(Task task, String dataSource, String contender, Harness.Timing timing) {
        sources.put(task, dataSource);
        training.computeIfAbsent(task, t -> new LinkedHashMap<>()).put(contender, timing);
    }

    /** Records single-row predict latency of one contender on one task. */
    public void predict(Task task, String contender, Latency.Percentiles p) {
        predict.computeIfAbsent(task, t -> new LinkedHashMap<>()).put(contender, p);
    }

    /** Records the GEMM ceiling. */
    public void gemm(GemmCeiling.Report report) {
        this.gemm = report;
    }

    /** Prints all tables and the RESULT line. */
    public void print(PrintStream out) {
        out.println();
        out.println("Training (n timed epochs, seconds per epoch; ratio = " + baseline + " median / " + subject
                + " median; (min) the same with the fastest epochs, steadier on a busy machine)");
        out.printf(Locale.ROOT, "%-4s %-8s %3s %10s %10s %10s %10s %7s %7s  %s%n",
                "task", "who", "n", "min s", "median s", "samples/s", "last loss", "ratio", "(min)", "data");
        for (Task task : training.keySet()) {
            for (String who : List.of(baseline, subject, single)) {
                if (who.equals(single) && !training.get(task).containsKey(single)) continue;
                Harness.Timing t = training.get(task).get(who);
                boolean ok = t != null && t.ok();
                out.printf(Locale.ROOT, "%-4s %-8s %3s %10s %10s %10s %10s %7s %7s  %s%n", task, who,
                        ok ? Integer.toString(t.seconds().length) : "",
                        ok ? fmt(t.min(), "%.3f") : NA,
                        ok ? fmt(t.median(), "%.3f") : NA,
                        ok ? fmt(t.samplesPerSecond(task.rows()), "%.0f") : NA,
                        ok ? fmt(t.lastLoss(), "%.4f") : NA,
                        who.equals(subject) ? fmt(trainingRatio(task), "%.2f") : "",
                        who.equals(subject) ? fmt(minRatio(task), "%.2f") : "",
                        who.equals(baseline) ? task.description() + "; " + sources.get(task)
                                : who.equals(single) ? "default/1-thread " + fmt(threadRatio(task), "%.2f") : "");
                if (t != null && !t.ok()) {
                    out.println("     " + who + " failed: " + t.failure());
                }
            }
        }
        if (!predict.isEmpty()) {
            out.println();
            out.println("Single-row predict latency (microseconds; ratio = " + baseline + " p50 / " + subject + " p50)");
            out.printf(Locale.ROOT, "%-4s %-8s %10s %10s %8s %8s%n", "task", "who", "p50 us", "p99 us", "calls", "ratio");
            for (Task task : predict.keySet()) {
                for (String who : List.of(baseline, subject, single)) {
                    Latency.Percentiles p = predict.get(task).get(who);
                    if (p == null && who.equals(single)) continue;
                    out.printf(Locale.ROOT, "%-4s %-8s %10s %10s %8s %8s%n", task, who,
                            p == null ? NA : fmt(p.p50(), "%.1f"),
                            p == null ? NA : fmt(p.p99(), "%.1f"),
                            p == null ? NA : Integer.toString(p.calls()),
                            who.equals(subject) ? fmt(predictRatio(task), "%.2f") : "");
                }
            }
        }
        if (gemm != null) {
            out.println();
            out.println("fp32 GEMM ceiling (best trial into a preallocated result: Nd4j.gemm, and OpenBLAS cblas_sgemm directly;"
                    + " the faster counts)");
            out.printf(Locale.ROOT, "%-16s %6s %6s %6s %10s %10s %10s%n", "shape", "m", "n", "k", "nd4j us", "blas us", "GFLOP/s");
            List<GemmCeiling.Result> rows = new ArrayList<>();
            rows.add(gemm.square());
            rows.addAll(gemm.t2Shapes());
            for (GemmCeiling.Result r : rows) {
                GemmCeiling.Shape s = r.shape();
                out.printf(Locale.ROOT, "%-16s %6d %6d %6d %10.1f %10.1f %10.1f%n",
                        s.label(), s.m(), s.n(), s.k(), r.nd4jSecondsPerCall() * 1e6, r.blasSecondsPerCall() * 1e6, r.gflops());
            }
            out.printf(Locale.ROOT, "T2 epoch GEMMs at these rates: %.3f s; share of the median epoch: %s %s, %s %s%n",
                    gemm.t2EpochGemmSeconds(), baseline, fmt(gemmShare(baseline), "%.3f"),
                    subject, fmt(gemmShare(subject), "%.3f"));
        }
        out.println();
        out.println(resultLine());
    }

    /** The final machine-readable line. */
    public String resultLine() {
        StringBuilder sb = new StringBuilder("RESULT");
        for (Task task : Task.values()) {
            sb.append(' ').append(task.name().toLowerCase(Locale.ROOT)).append("_ratio=").append(fmt(trainingRatio(task), "%.2f"));
        }
        sb.append(" t2_gemm_share=").append(fmt(gemmShare(subject), "%.3f"));
        Latency.Percentiles p = predict.getOrDefault(Task.T1, Map.of()).get(subject);
        sb.append(" t1_predict_p50_us=").append(p == null ? NA : fmt(p.p50(), "%.1f"));
        for (Task task : List.of(Task.T5, Task.T6, Task.T7)) {
            sb.append(' ').append(task.name().toLowerCase(Locale.ROOT)).append("_s=").append(fmt(medianOf(task, subject), "%.3f"));
        }
        Latency.Percentiles p5 = predict.getOrDefault(Task.T5, Map.of()).get(subject);
        sb.append(" t5_predict_p50_us=").append(p5 == null ? NA : fmt(p5.p50(), "%.1f"));
        double worst = Double.NaN;
        for (Task task : Task.values()) {
            double r = threadRatio(task);
            sb.append(" threads_").append(task.name().toLowerCase(Locale.ROOT)).append('=').append(fmt(r, "%.2f"));
            if (Double.isFinite(r) && !(r <= worst)) worst = r;
        }
        sb.append(" threads_max=").append(fmt(worst, "%.2f"));
        return sb.toString();
    }

    private double trainingRatio(Task task) {
        return medianOf(task, baseline) / medianOf(task, subject);
    }

    /** The subject's median at the default thread count over its median at one thread. */
    private double threadRatio(Task task) {
        return medianOf(task, subject) / medianOf(task, single);
    }

    private double minRatio(Task task) {
        Harness.Timing b = training.getOrDefault(task, Map.of()).get(baseline);
        Harness.Timing s = training.getOrDefault(task, Map.of()).get(subject);
        return b == null || s == null || !b.ok() || !s.ok() ? Double.NaN : b.min() / s.min();
    }

    private double predictRatio(Task task) {
        Map<String, Latency.Percentiles> m = predict.getOrDefault(task, Map.of());
        Latency.Percentiles b = m.get(baseline);
        Latency.Percentiles s = m.get(subject);
        return b == null || s == null ? Double.NaN : b.p50() / s.p50();
    }

    /** Time of T2's GEMMs at ceiling rates over the contender's median T2 epoch. */
    private double gemmShare(String who) {
        return gemm == null ? Double.NaN : gemm.t2EpochGemmSeconds() / medianOf(Task.T2, who);
    }

    private double medianOf(Task task, String who) {
        Harness.Timing t = training.getOrDefault(task, Map.of()).get(who);
        return t == null || !t.ok() ? Double.NaN : t.median();
    }

    /** Formats a finite number, "n/a" otherwise. */
    private static String fmt(double v, String pattern) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, pattern, v) : NA;
    }
}
