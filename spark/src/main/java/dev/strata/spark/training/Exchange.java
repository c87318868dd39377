package dev.strata.spark.training;

/**
 * Row-weighted averaging of one float vector per replica, called by every replica of a barrier
 * stage the same number of times. Every replica gets the same average, bit for bit: the
 * contributions are summed in partition order.
 */
interface Exchange extends AutoCloseable {

    /** The average of every replica's {@code values} weighted by its {@code rows}; null when no replica had rows. */
    float[] average(float[] values, long rows);

    /** Calls so far. */
    int calls();

    /** Nanoseconds spent in {@link #average} so far (waiting for the slowest replica included). */
    long nanos();

    /** Bytes this replica sent in its last call. */
    long messageBytes();

    @Override
    void close();

    /** Sums {@code rows_i · values_i} in double, in partition order, and divides by the rows. */
    static float[] weightedMean(float[][] values, long[] rows) {
        int n = values[0].length;
        double[] sum = new double[n];
        long total = 0;
        for (int r = 0; r < values.length; r++) {
            if (rows[r] == 0) continue;
            total += rows[r];
            float[] v = values[r];
            for (int i = 0; i < n; i++) sum[i] += (double) rows[r] * v[i];
        }
        if (total == 0) return null;
        float[] out = new float[n];
        for (int i = 0; i < n; i++) out[i] = (float) (sum[i] / total);
        return out;
    }
}
