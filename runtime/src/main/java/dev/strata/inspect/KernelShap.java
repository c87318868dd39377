package dev.strata.inspect;

import dev.strata.model.Model;
import dev.strata.ops.Tensor;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Kernel SHAP (Lundberg and Lee 2017) with a background set: the Shapley values of one prediction
 * where a feature left out of a coalition takes the background rows' values (the interventional
 * value function {@code v(S) = mean_b f(x_S, b_rest)}).
 *
 * <p>Up to {@link #exactUpTo} features every coalition is enumerated and the Shapley values are
 * exact; above, {@link #samples} coalitions (in complementary pairs) are drawn from the Shapley
 * kernel with {@link #seed} and the values solve Kernel SHAP's weighted least squares under the
 * efficiency constraint. Either way the contributions add up to {@code f(x) − mean f(background)}.
 *
 * <pre>{@code
 * Attribution a = KernelShap.of(model, background).withOutput("out", 0).explain(row);
 * }</pre>
 *
 * @param background rows shaped like the model's input (batch axis first)
 * @param output     the explained output, null for the only one
 * @param unit       the explained value of that output's row (class index for a classifier)
 * @param exactUpTo  the largest feature count enumerated exactly (2^n coalitions)
 * @param samples    coalitions drawn above that count
 * @param seed       the sampling seed
 */
public record KernelShap(Model model, Tensor background, String output, int unit, int exactUpTo, int samples, long seed) {
    private static final String WHAT = "Kernel SHAP";
    /** Rows predicted at once: coalitions × background rows are chunked to this. */
    private static final int CHUNK_ROWS = 65_536;

    public KernelShap {
        if (exactUpTo < 0 || exactUpTo > 20) throw new IllegalArgumentException(WHAT + ": exactUpTo must be in [0, 20], got " + exactUpTo);
        if (samples < 2) throw new IllegalArgumentException(WHAT + ": samples must be at least 2, got " + samples);
        String in = OutputUnit.singleInput(model, WHAT);
        int[] want = model.graph().inputShape(in);
        int[] got = background.shape();
        if (got.length != want.length + 1 || got[0] < 1 || !Arrays.equals(Arrays.copyOfRange(got, 1, got.length), want)) {
            throw new IllegalArgumentException(WHAT + ": background must be rows of shape " + Arrays.toString(want) + ", got "
                    + Arrays.toString(got));
        }
        OutputUnit.of(model, output, unit, WHAT);
    }

    /** Defaults: the only output, unit 0, exact up to 12 features, 2,048 samples above, seed 0. */
    public static KernelShap of(Model model, Tensor background) {
        return new KernelShap(model, background, null, 0, 12, 2048, 0);
    }

    /** Explains value {@code unit} of output {@code output} (null: the only output). */
    public KernelShap withOutput(String output, int unit) {
        return new KernelShap(model, background, output, unit, exactUpTo, samples, seed);
    }

    /** Enumerates coalitions exactly up to {@code n} features. */
    public KernelShap withExactUpTo(int n) {
        return new KernelShap(model, background, output, unit, n, samples, seed);
    }

    /** Draws {@code n} coalitions above the exact limit. */
    public KernelShap withSamples(int n) {
        return new KernelShap(model, background, output, unit, exactUpTo, n, seed);
    }

    /** Another sampling seed. */
    public KernelShap withSeed(long seed) {
        return new KernelShap(model, background, output, unit, exactUpTo, samples, seed);
    }

    /** The attribution of one row {@code x} (shape {@code [1, …input]}). */
    public Attribution explain(Tensor x) {
        OutputUnit.checkRow(model, x, WHAT);
        OutputUnit target = OutputUnit.of(model, output, unit, WHAT);
        double[] row = x.toDoubleArray();
        int m = row.length;
        if (m <= exactUpTo) return exact(target, row);
        return sampled(target, row);
    }

    private Attribution exact(OutputUnit target, double[] x) {
        int m = x.length;
        int count = 1 << m;
        boolean[][] coalitions = new boolean[count][m];
        for (int s = 0; s < count; s++) for (int i = 0; i < m; i++) coalitions[s][i] = (s >> i & 1) != 0;
        double[] v = values(target, x, coalitions);
        // weight(s) = s! (m − s − 1)! / m!
        double[] weight = new double[m];
        for (int s = 0; s < m; s++) weight[s] = 1.0 / (m * binomial(m - 1, s));
        double[] phi = new double[m];
        for (int s = 0; s < count; s++) {
            int size = Integer.bitCount(s);
            for (int i = 0; i < m; i++) {
                if ((s >> i & 1) == 0) phi[i] += weight[size] * (v[s | 1 << i] - v[s]);
            }
        }
        return new Attribution(phi, v[0], v[count - 1]);
    }

    private Attribution sampled(OutputUnit target, double[] x) {
        int m = x.length;
        SplittableRandom random = new SplittableRandom(seed);
        // Coalition sizes 1..m−1 drawn with the Shapley kernel's total weight per size, ∝ (m−1) / (s (m−s)).
        double[] cumulative = new double[m];
        for (int s = 1; s < m; s++) cumulative[s] = cumulative[s - 1] + (m - 1.0) / (s * (m - s));
        int pairs = (samples + 1) / 2;
        boolean[][] coalitions = new boolean[2 + 2 * pairs][];
        coalitions[0] = new boolean[m];
        coalitions[1] = new boolean[m];
        Arrays.fill(coalitions[1], true);
        int[] order = new int[m];
        for (int p = 0; p < pairs; p++) {
            double u = random.nextDouble() * cumulative[m - 1];
            int size = 1;
            while (size < m - 1 && cumulative[size] < u) size++;
            for (int i = 0; i < m; i++) order[i] = i;
            boolean[] z = new boolean[m];
            for (int i = 0; i < size; i++) {
                int j = i + random.nextInt(m - i);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
                z[order[i]] = true;
            }
            boolean[] complement = new boolean[m];
            for (int i = 0; i < m; i++) complement[i] = !z[i];
            coalitions[2 + 2 * p] = z;
            coalitions[3 + 2 * p] = complement;
        }
        double[] v = values(target, x, coalitions);
        double base = v[0], prediction = v[1], delta = prediction - base;
        // Least squares with Σφ = Δ: φ_last = Δ − Σ_{i<last} φ_i substituted in.
        int k = m - 1;
        double[][] ata = new double[k][k];
        double[] atb = new double[k];
        for (int c = 2; c < coalitions.length; c++) {
            boolean[] z = coalitions[c];
            double zl = z[k] ? 1 : 0;
            double b = v[c] - base - zl * delta;
            double[] a = new double[k];
            for (int i = 0; i < k; i++) a[i] = (z[i] ? 1 : 0) - zl;
            for (int i = 0; i < k; i++) {
                if (a[i] == 0) continue;
                atb[i] += a[i] * b;
                for (int j = 0; j < k; j++) ata[i][j] += a[i] * a[j];
            }
        }
        double[] head = solve(ata, atb);
        double[] phi = new double[m];
        double rest = delta;
        for (int i = 0; i < k; i++) {
            phi[i] = head[i];
            rest -= head[i];
        }
        phi[k] = rest;
        return new Attribution(phi, base, prediction);
    }

    /** v(S) for each coalition: the mean prediction over the background with S's features taken from x. */
    private double[] values(OutputUnit target, double[] x, boolean[][] coalitions) {
        double[] bg = background.toDoubleArray();
        int m = x.length;
        int rows = background.rows();
        int[] rowShape = Arrays.copyOfRange(background.shape(), 1, background.rank());
        double[] v = new double[coalitions.length];
        int perChunk = Math.max(1, CHUNK_ROWS / rows);
        for (int from = 0; from < coalitions.length; from += perChunk) {
            int to = Math.min(coalitions.length, from + perChunk);
            double[] batch = new double[(to - from) * rows * m];
            int at = 0;
            for (int c = from; c < to; c++) {
                boolean[] z = coalitions[c];
                for (int r = 0; r < rows; r++) {
                    for (int i = 0; i < m; i++) batch[at++] = z[i] ? x[i] : bg[r * m + i];
                }
            }
            int[] shape = new int[rowShape.length + 1];
            shape[0] = (to - from) * rows;
            System.arraycopy(rowShape, 0, shape, 1, rowShape.length);
            double[] f = target.predict(model, Tensor.of(batch, shape).to(model.dtype()));
            for (int c = from; c < to; c++) {
                double sum = 0;
                for (int r = 0; r < rows; r++) sum += f[(c - from) * rows + r];
                v[c] = sum / rows;
            }
        }
        return v;
    }

    private static double binomial(int n, int k) {
        double b = 1;
        for (int i = 1; i <= k; i++) b = b * (n - k + i) / i;
        return b;
    }

    /** Gaussian elimination with partial pivoting; a tiny ridge keeps never-sampled features at zero. */
    private static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            m[i] = Arrays.copyOf(a[i], n + 1);
            m[i][i] += 1e-10;
            m[i][n] = b[i];
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) pivot = r;
            double[] t = m[col];
            m[col] = m[pivot];
            m[pivot] = t;
            for (int r = col + 1; r < n; r++) {
                double f = m[r][col] / m[col][col];
                if (f == 0) continue;
                for (int c = col; c <= n; c++) m[r][c] -= f * m[col][c];
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = m[r][n];
            for (int c = r + 1; c < n; c++) s -= m[r][c] * x[c];
            x[r] = s / m[r][r];
        }
        return x;
    }
}
