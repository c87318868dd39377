package dev.strata.data;

/**
 * One-hot encoding of class labels, as Keras's {@code to_categorical}: label {@code k} becomes a
 * row of {@code numClasses} zeros with a 1 at {@code k}.
 */
public final class OneHot {
    private OneHot() {
    }

    /**
     * @param labels class indices, each in {@code [0, numClasses)}
     * @param numClasses the number of classes
     * @return labels × classes
     * @throws IllegalArgumentException naming the first label out of range
     */
    public static float[][] toCategorical(int[] labels, int numClasses) {
        check(labels, numClasses);
        float[][] out = new float[labels.length][numClasses];
        for (int i = 0; i < labels.length; i++) {
            out[i][labels[i]] = 1f;
        }
        return out;
    }

    /**
     * @return the same encoding as {@link #toCategorical}, flattened row-major
     *     ({@code labels.length × numClasses})
     */
    public static float[] toCategoricalFlat(int[] labels, int numClasses) {
        check(labels, numClasses);
        float[] out = new float[labels.length * numClasses];
        for (int i = 0; i < labels.length; i++) {
            out[i * numClasses + labels[i]] = 1f;
        }
        return out;
    }

    private static void check(int[] labels, int numClasses) {
        if (numClasses <= 0) {
            throw new IllegalArgumentException("numClasses must be positive, got " + numClasses);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException("label " + labels[i] + " at index " + i + " is outside [0, "
                        + numClasses + ")");
            }
        }
    }
}
