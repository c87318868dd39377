package dev.strata.inspect;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * How much each input feature moved one prediction away from a base value: Kernel SHAP's and
 * integrated gradients' answer. For SHAP the contributions add up to {@code prediction − baseValue}
 * exactly; for integrated gradients up to the integration error.
 *
 * @param contributions one value per input feature (per value of one input row, row-major)
 * @param baseValue     the reference output: the mean prediction over the background (SHAP) or the
 *                      prediction at the baseline (integrated gradients)
 * @param prediction    the explained output for the explained row
 */
public record Attribution(double[] contributions, double baseValue, double prediction) {
    public Attribution {
        contributions = contributions.clone();
    }

    @Override
    public double[] contributions() {
        return contributions.clone();
    }

    /** The sum of the contributions. */
    public double sum() {
        return Arrays.stream(contributions).sum();
    }

    /** Feature indices by decreasing magnitude of contribution (the order of a SHAP bar chart). */
    public int[] byMagnitude() {
        return IntStream.range(0, contributions.length).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -Math.abs(contributions[i])).thenComparing(i -> i))
                .mapToInt(Integer::intValue).toArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Attribution a && Arrays.equals(contributions, a.contributions)
                && Double.compare(baseValue, a.baseValue) == 0 && Double.compare(prediction, a.prediction) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(contributions) + Double.hashCode(baseValue) * 7 + Double.hashCode(prediction);
    }

    @Override
    public String toString() {
        return "Attribution[base=" + baseValue + ", prediction=" + prediction + ", contributions=" + Arrays.toString(contributions) + "]";
    }
}
