package dev.strata.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Command-line options of {@link Main}. Defaults are the full run; {@code --quick} trades repetitions and
 * sample counts for a run of a few minutes. The data sizes never change, so numbers stay comparable.
 *
 * @param warmupEpochs  minimum untimed epochs per contender and task
 * @param warmupSeconds minimum untimed seconds per contender and task
 * @param repetitions   minimum timed epochs per contender and task
 * @param timedSeconds  minimum total timed seconds of the slowest contender per task (short epochs get
 *                      more rounds)
 * @param predictCalls  timed single-row predict calls per contender (after up to 5,000 untimed ones)
 * @param gemmTrials    timed trials per GEMM shape (the best counts)
 * @param gemmSeconds   minimum seconds per GEMM trial
 * @param tasks         tasks to run
 * @param gemm          whether to measure the GEMM ceiling
 * @param baseline      run DL4J too
 * @param oneThread     also run Strata with its native pools at one thread (contender "Strata-1t")
 * @param seed          seed of data and weights
 * @param mnistDir      MNIST directory for T2/T3, or {@code null} for synthetic images
 */
public record Options(int warmupEpochs, double warmupSeconds, int repetitions, double timedSeconds,
                      int predictCalls, int gemmTrials, double gemmSeconds,
                      Set<Task> tasks, boolean gemm, boolean baseline, boolean oneThread, long seed, Path mnistDir) {

    /** Usage text for {@code --help}. */
    public static final String USAGE = """
            usage: bench/run [options]
              --quick           1 timed epoch (1 s at least), shorter warm-up, fewer predict
                                calls and GEMM trials; options after it override it
              --warmup N        at least N untimed epochs per task and contender (default 1),
                                and at least 2 s of them
              --reps N          at least N timed epochs per task and contender (default 3);
                                more until the slowest contender has 12 s of them (up to 50)
              --predict-calls N timed single-row predicts per contender (default 20000)
              --tasks T1,T3     run only these tasks (default all: T1-T7)
              --recurrent       only the sequence tasks T5,T6,T7, without the GEMM ceiling
              --no-dl4j         skip the DL4J baseline (ratios print n/a)
              --no-one-thread   skip Strata at one native thread ("Strata-1t")
              --no-gemm         skip the GEMM ceiling
              --seed N          seed of data and initial weights (default 42)
              --mnist DIR|none  MNIST directory for T2/T3 (default: samples/data/mnist, then
                                /work/shared/data/mnist; 'none' for synthetic images)
            """;

    /** Directories searched for MNIST, in order, relative ones against the repository root. */
    private static final List<String> MNIST_SEARCH = List.of("samples/data/mnist", "/work/shared/data/mnist");

    /**
     * Parses {@code args}.
     *
     * @param root the repository root, for relative MNIST directories
     * @throws IllegalArgumentException on an unknown option or a bad value
     */
    public static Options parse(String[] args, Path root) {
        int warmup = 1;
        double warmupSeconds = 2;
        int reps = 3;
        // Short epochs get more rounds: a median over many is steadier on a shared machine.
        double timedSeconds = 12;
        int predictCalls = 20_000;
        // Many short trials, best counts: on a shared machine that catches the quiet moments.
        int gemmTrials = 10;
        double gemmSeconds = 0.1;
        Set<Task> tasks = EnumSet.allOf(Task.class);
        boolean gemm = true;
        boolean oneThread = true;
        boolean baseline = true;
        long seed = 42;
        String mnist = null;
        List<String> rest = List.of(args);
        for (int i = 0; i < rest.size(); i++) {
            String a = rest.get(i);
            switch (a) {
                case "--quick" -> {
                    reps = 1;
                    warmupSeconds = 1;
                    timedSeconds = 1;
                    predictCalls = 3_000;
                    gemmTrials = 4;
                    gemmSeconds = 0.05;
                }
                case "--warmup" -> warmup = Integer.parseInt(value(rest, ++i, a));
                case "--reps" -> reps = Integer.parseInt(value(rest, ++i, a));
                case "--predict-calls" -> predictCalls = Integer.parseInt(value(rest, ++i, a));
                case "--tasks" -> {
                    tasks = EnumSet.noneOf(Task.class);
                    for (String t : value(rest, ++i, a).split(",")) {
                        tasks.add(Task.valueOf(t.trim().toUpperCase()));
                    }
                }
                case "--no-gemm" -> gemm = false;
                case "--recurrent" -> {
                    tasks = EnumSet.of(Task.T5, Task.T6, Task.T7);
                    gemm = false;
                }
                case "--no-one-thread" -> oneThread = false;
                case "--no-dl4j" -> baseline = false;
                case "--seed" -> seed = Long.parseLong(value(rest, ++i, a));
                case "--mnist" -> mnist = value(rest, ++i, a);
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        return new Options(warmup, warmupSeconds, reps, timedSeconds, predictCalls, gemmTrials, gemmSeconds,
                tasks, gemm, baseline, oneThread, seed, mnistDirectory(mnist, root));
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }

    /** The given directory, or the first search location holding MNIST; null means synthetic images. */
    private static Path mnistDirectory(String given, Path root) {
        if ("none".equals(given)) {
            return null;
        }
        if (given != null) {
            Path dir = root.resolve(given);
            if (!Mnist.present(dir)) {
                throw new IllegalArgumentException("no MNIST training files in " + dir);
            }
            return dir;
        }
        for (String candidate : MNIST_SEARCH) {
            Path dir = root.resolve(candidate);
            if (Files.isDirectory(dir) && Mnist.present(dir)) {
                return dir;
            }
        }
        return null;
    }
}
