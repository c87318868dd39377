package dev.strata.data;

/**
 * A per-feature rescaling fitted on training data and then applied, unchanged, to validation,
 * test and prediction inputs. Fitting is a static {@code fit} on each implementation, so a scaler
 * object is always fitted; its {@code state()} is a plain record of arrays to save with the model,
 * and {@code fromState} rebuilds it.
 *
 * <p>Matrices are rows × features, either {@code float[][]} or flattened row-major
 * {@code float[]}; inputs are never modified.
 */
public sealed interface Scaler permits StandardScaler, MinMaxScaler {

    /** @return the number of features (columns) the scaler was fitted on */
    int features();

    /** @return the scaled rows */
    float[][] transform(float[][] rows);

    /** @return the scaled rows, flattened row-major like the input */
    float[] transform(float[] rowMajor);

    /** @return the rows mapped back to the original units */
    float[][] inverseTransform(float[][] rows);

    /** @return the rows mapped back to the original units, flattened row-major */
    float[] inverseTransform(float[] rowMajor);
}
