package dev.strata.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * Runs every task with every registered contender under the same conditions (one JVM, interleaved
 * repetitions), then the single-row predict latencies and the GEMM ceiling, and prints the report.
 * Start it with {@code bench/run}; options are listed in {@link Options#USAGE}.
 */
public final class Main {


    /** Untimed predict calls before the timed ones: enough for the JIT and inference workspaces. */
    private static final int PREDICT_WARMUP = 5_000;

    /** Rows cycled through by the predict benchmark, so it does not see one row only. */
    private static final int PREDICT_ROWS = 256;

    private Main() {}

    /** Entry point; see {@link Options#USAGE} for the arguments. Exits with 2 on bad arguments. */
    public static void main(String[] args) {
        if (List.of(args).contains("--help")) {
            System.out.print(Options.USAGE);
            return;
        }
        Path root = Path.of(System.getProperty("bench.root", ".")).toAbsolutePath().normalize();
        Options opt;
        try {
            opt = Options.parse(args, root);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(Options.USAGE);
            System.exit(2);
            return;
        }
        long start = System.nanoTime();

        Contender baseline = new Dl4jContender();
        Contender subject = new StrataContender();
        Contender single = new StrataContender(true);
        List<Contender> contenders = new ArrayList<>();
        if (opt.baseline()) contenders.add(baseline);
        contenders.add(subject);
        if (opt.oneThread()) contenders.add(single);
        Report report = new Report(baseline.name(), subject.name(), single.name());

        Machine.describe().forEach(System.out::println);
        System.out.printf(Locale.ROOT, "contenders: %s%n", names(contenders));
        System.out.printf(Locale.ROOT, "warm-up >= %d epochs and %.0f s, timed >= %d epochs and %.0f s, seed %d%n",
                opt.warmupEpochs(), opt.warmupSeconds(), opt.repetitions(), opt.timedSeconds(), opt.seed());

        Datasets datasets = new Datasets(opt.seed(), opt.mnistDir());
        Harness harness = new Harness(opt.warmupEpochs(), opt.warmupSeconds(),
                opt.repetitions(), opt.timedSeconds());
        for (Task task : opt.tasks()) {
            runTask(task, datasets, contenders, harness, opt, report);
        }
        if (opt.gemm()) {
            System.out.println("measuring GEMM ceiling ...");
            report.gemm(new GemmCeiling(opt.gemmSeconds(), opt.gemmTrials()).measure());
        }
        report.print(System.out);
        System.out.printf(Locale.ROOT, "(bench took %.0f s; 1-min load average at the end: %s)%n",
                (System.nanoTime() - start) / 1e9, Machine.loadAverage());
        System.exit(0); // ND4J leaves non-daemon threads behind
    }

    /** Trains every contender on one task, then measures predict latency where the task asks for it. */
    private static void runTask(Task task, Datasets datasets, List<Contender> contenders, Harness harness,
                                Options opt, Report report) {
        TaskData data = datasets.forTask(task);
        System.out.printf(Locale.ROOT, "%s: %s, %d rows, batch %d, data: %s%n",
                task, task.description(), data.rows(), task.batchSize(), data.source());
        List<Contender> running = new ArrayList<>();
        List<Trainable> models = new ArrayList<>();
        for (Contender c : contenders) {
            if (!c.supports(task)) {
                continue;
            }
            try {
                models.add(c.prepare(data, opt.seed()));
                running.add(c);
            } catch (RuntimeException e) {
                System.out.println("  " + c.name() + " cannot prepare " + task + ": " + e);
                e.printStackTrace(); // on stderr, for whoever fixes it
            }
        }
        List<DoubleSupplier> epochs = new ArrayList<>();
        for (Trainable m : models) {
            epochs.add(m::fitEpoch);
        }
        List<Harness.Timing> timings = harness.time(epochs);
        for (int i = 0; i < running.size(); i++) {
            Harness.Timing t = timings.get(i);
            report.training(task, data.source(), running.get(i).name(), t);
            System.out.printf(Locale.ROOT, "  %-8s %s%n", running.get(i).name(),
                    t.ok() ? String.format(Locale.ROOT, "median %.3f s/epoch over %d, last loss %.4f",
                                    t.median(), t.seconds().length, t.lastLoss())
                           : "failed: " + t.failure());
            if (!t.ok()) {
                t.failure().printStackTrace();
            }
        }
        if ((task == Task.T1 || task == Task.T2 || task == Task.T5) && opt.predictCalls() > 0) {
            measurePredict(task, data, running, models, opt, report);
        }
        for (Trainable m : models) {
            m.close();
        }
        System.gc(); // free this task's native buffers before the next task, outside any timing
    }

    /**
     * Single-row predict latency of every contender whose predict works; one that throws on a trial
     * call is reported and left out.
     */
    private static void measurePredict(Task task, TaskData data, List<Contender> running, List<Trainable> models,
                                       Options opt, Report report) {
        List<String> names = new ArrayList<>();
        List<Supplier<?>> calls = new ArrayList<>();
        for (int i = 0; i < running.size(); i++) {
            if (models.get(i) instanceof NativeThreads.OneThread) continue; // its predict is the default-thread one
            Supplier<float[]> call = cycling(models.get(i), data);
            try {
                call.get();
            } catch (RuntimeException e) {
                System.out.println("  " + running.get(i).name() + " predict failed: " + e);
                e.printStackTrace();
                continue;
            }
            names.add(running.get(i).name());
            calls.add(call);
        }
        try {
            List<Latency.Percentiles> results =
                    Latency.measure(calls, Math.min(PREDICT_WARMUP, opt.predictCalls()), opt.predictCalls());
            for (int i = 0; i < names.size(); i++) {
                report.predict(task, names.get(i), results.get(i));
            }
        } catch (RuntimeException e) {
            System.out.println("  predict latency of " + task + " failed: " + e);
            e.printStackTrace();
        }
    }

    /** A predict call that walks over the first rows of the data. */
    private static Supplier<float[]> cycling(Trainable model, TaskData data) {
        int n = Math.min(PREDICT_ROWS, data.rows());
        int[] next = {0};
        return () -> model.predict(data.features()[next[0]++ % n]);
    }

    private static String names(List<Contender> contenders) {
        List<String> n = new ArrayList<>();
        contenders.forEach(c -> n.add(c.name()));
        return String.join(", ", n);
    }
}
