package dev.strata.data;

import java.util.Arrays;
import java.util.Random;
import java.util.function.IntPredicate;
import java.util.function.Predicate;

/**
 * A train/test split as two arrays of row indices, disjoint and together covering every row once.
 * Apply it with {@link Table#take(int[])} or {@link IdxImages#images(int[], boolean)}.
 *
 * @param train indices of the training rows
 * @param test indices of the test rows
 */
public record Split(int[] train, int[] test) {

    /** Copies the arrays so the split stays immutable. */
    public Split {
        train = train.clone();
        test = test.clone();
    }

    /** @return a copy of the training indices */
    @Override
    public int[] train() {
        return train.clone();
    }

    /** @return a copy of the test indices */
    @Override
    public int[] test() {
        return test.clone();
    }

    /**
     * A random split, reproducible: the same {@code n}, fraction and seed give the same split on
     * every JVM, since it shuffles with {@link java.util.Random}, whose algorithm Java specifies.
     * Both arrays are in shuffled order.
     *
     * @param n the number of rows
     * @param trainFraction the share of rows for training, strictly between 0 and 1; the training
     *     size is {@code round(n × trainFraction)}
     * @param seed the shuffle's seed
     * @throws IllegalArgumentException if either side would be empty
     */
    public static Split byFraction(int n, double trainFraction, long seed) {
        if (!(trainFraction > 0 && trainFraction < 1)) {
            throw new IllegalArgumentException("trainFraction must be strictly between 0 and 1, got " + trainFraction);
        }
        int trainSize = (int) Math.round(n * trainFraction);
        if (trainSize == 0 || trainSize == n) {
            throw new IllegalArgumentException("splitting " + n + " rows at " + trainFraction
                    + " leaves one side empty");
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random random = new Random(seed);
        for (int i = n - 1; i > 0; i--) { // Fisher-Yates
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return new Split(Arrays.copyOfRange(order, 0, trainSize), Arrays.copyOfRange(order, trainSize, n));
    }

    /**
     * A deterministic split, e.g. by date. Both arrays are in ascending order.
     *
     * @param n the number of rows
     * @param isTrain whether row {@code i} goes to training
     */
    public static Split byPredicate(int n, IntPredicate isTrain) {
        int[] train = new int[n];
        int[] test = new int[n];
        int trainCount = 0;
        int testCount = 0;
        for (int i = 0; i < n; i++) {
            if (isTrain.test(i)) {
                train[trainCount++] = i;
            } else {
                test[testCount++] = i;
            }
        }
        return new Split(Arrays.copyOf(train, trainCount), Arrays.copyOf(test, testCount));
    }

    /**
     * A deterministic split of a table's rows, e.g. the rows before a date for training:
     * <pre>{@code Split.byPredicate(table, row -> row.text("Date").compareTo("2017-01-01") < 0)}</pre>
     * (ISO dates compare correctly as text).
     */
    public static Split byPredicate(Table table, Predicate<Row> isTrain) {
        return byPredicate(table.rows(), i -> isTrain.test(table.row(i)));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Split s && Arrays.equals(train, s.train) && Arrays.equals(test, s.test);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(train) + Arrays.hashCode(test);
    }

    @Override
    public String toString() {
        return "Split[train=" + train.length + " rows, test=" + test.length + " rows]";
    }
}
