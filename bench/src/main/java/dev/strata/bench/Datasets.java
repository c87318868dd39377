package dev.strata.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic data for each {@link Task}: the same seed gives the same arrays on every run and for
 * every contender. T2 and T3 use the real MNIST training images when a directory with them is given,
 * otherwise random MNIST-shaped images with labels from a fixed random linear "teacher" (learnable, so
 * losses still fall). The other tasks are synthetic with smooth, learnable targets.
 */
public final class Datasets {
    private final long seed;
    private final Path mnistDir; // null: synthetic images

    /**
     * @param seed     seed of every generator
     * @param mnistDir directory with the MNIST training files, or {@code null} for random images
     */
    public Datasets(long seed, Path mnistDir) {
        this.seed = seed;
        this.mnistDir = mnistDir;
    }

    /** Builds the data of {@code task}. */
    public TaskData forTask(Task task) {
        return switch (task) {
            case T1 -> t1();
            case T2, T3 -> images(task);
            case T4 -> t4();
            case T5, T6, T7 -> sequences(task);
        };
    }

    /** Four standard-normal features; the label says whether a fixed non-linear score is positive. */
    private TaskData t1() {
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x71L);
        int n = Task.T1.rows();
        float[][] x = new float[n][4];
        float[][] y = new float[n][1];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 4; j++) {
                x[i][j] = (float) gaussian(rnd);
            }
            double score = 0.8 * x[i][0] - 0.5 * x[i][1] + 0.3 * x[i][2] * x[i][3] + 0.2 * gaussian(rnd);
            y[i][0] = score > 0 ? 1f : 0f;
        }
        return new TaskData(Task.T1, x, List.<float[][]>of(y), "synthetic");
    }

    /** Three uniform features in [-1, 1]; output A = sin(x0) + x1·x2, output B = x0² − x2, plus noise. */
    private TaskData t4() {
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x74L);
        int n = Task.T4.rows();
        float[][] x = new float[n][3];
        float[][] a = new float[n][1];
        float[][] b = new float[n][1];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
                x[i][j] = (float) (rnd.nextDouble() * 2 - 1);
            }
            a[i][0] = (float) (Math.sin(x[i][0]) + x[i][1] * x[i][2] + 0.05 * gaussian(rnd));
            b[i][0] = (float) (x[i][0] * x[i][0] - x[i][2] + 0.05 * gaussian(rnd));
        }
        return new TaskData(Task.T4, x, List.of(a, b), "synthetic");
    }

    /**
     * Uniform [-1, 1] sequences, the same for T5–T7; the target mixes a running mean, a product of two
     * features and the last step, so it needs memory across the sequence.
     */
    private TaskData sequences(Task task) {
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x75L);
        int n = task.rows(), steps = Task.STEPS, width = Task.SEQUENCE_FEATURES;
        float[][] x = new float[n][steps * width];
        float[][] y = new float[n][1];
        for (int i = 0; i < n; i++) {
            double mean = 0, product = 0;
            for (int t = 0; t < steps; t++) {
                for (int j = 0; j < width; j++) x[i][t * width + j] = (float) (rnd.nextDouble() * 2 - 1);
                mean += x[i][t * width] / steps;
                product += x[i][t * width + 1] * x[i][t * width + 2] / steps;
            }
            y[i][0] = (float) (2 * mean + 3 * product + 0.5 * x[i][(steps - 1) * width + 3] + 0.05 * gaussian(rnd));
        }
        return new TaskData(task, x, List.<float[][]>of(y), "synthetic sequences");
    }

    /** The first {@code task.rows()} MNIST training images, or random images of the same shape. */
    private TaskData images(Task task) {
        int n = task.rows();
        float[][] x;
        int[] classes;
        String source;
        if (mnistDir != null) {
            try {
                Mnist.Examples ex = Mnist.readTrain(mnistDir, n);
                x = ex.images();
                classes = ex.labels();
                source = "MNIST train (first " + n + ")";
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read MNIST from " + mnistDir, e);
            }
        } else {
            SplittableRandom rnd = new SplittableRandom(seed ^ 0x72L);
            x = new float[n][Mnist.PIXELS];
            for (float[] row : x) {
                for (int p = 0; p < row.length; p++) {
                    row[p] = (float) rnd.nextDouble();
                }
            }
            classes = teacherLabels(x, new SplittableRandom(seed ^ 0x73L));
            source = "synthetic MNIST-shaped";
        }
        float[][] y = new float[n][10];
        for (int i = 0; i < n; i++) {
            y[i][classes[i]] = 1f;
        }
        return new TaskData(task, x, List.<float[][]>of(y), source);
    }

    /** Labels = argmax of a random linear map, so that random images still have a learnable rule. */
    private static int[] teacherLabels(float[][] x, SplittableRandom rnd) {
        int width = x[0].length;
        double[][] w = new double[10][width];
        for (double[] row : w) {
            for (int j = 0; j < width; j++) {
                row[j] = gaussian(rnd);
            }
        }
        int[] labels = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            int best = 0;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < 10; c++) {
                double s = 0;
                for (int j = 0; j < width; j++) {
                    s += w[c][j] * (x[i][j] - 0.5); // centred, so no class dominates
                }
                if (s > bestScore) {
                    bestScore = s;
                    best = c;
                }
            }
            labels[i] = best;
        }
        return labels;
    }

    /** Standard normal by Box–Muller, written out so the numbers cannot change with the JDK's nextGaussian. */
    private static double gaussian(SplittableRandom rnd) {
        double u = 1.0 - rnd.nextDouble(); // (0, 1], so log is finite
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
