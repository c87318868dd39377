package dev.strata.ops;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An n-dimensional array of numbers: Strata's data type for inputs, targets, predictions and
 * weights. Row-major ("C") order; the first axis is the batch axis wherever a batch is meant.
 *
 * <p>A tensor handed to a user is a copy or a read-only view: mutate it through Strata's APIs
 * ({@code setWeights}) rather than in place.
 */
public final class Tensor {
    final INDArray array;

    Tensor(INDArray array) {
        this.array = array;
    }

    /** A float32 tensor holding {@code values} (row-major) with the given shape. */
    public static Tensor of(float[] values, int... shape) {
        checkCount(values.length, shape);
        return new Tensor(Nd4j.create(values.clone(), toLong(shape), DataType.FLOAT));
    }

    /** A float64 tensor holding {@code values} (row-major) with the given shape. */
    public static Tensor of(double[] values, int... shape) {
        checkCount(values.length, shape);
        return new Tensor(Nd4j.create(values.clone(), toLong(shape), DataType.DOUBLE));
    }

    /** A float32 matrix from rows of equal length. */
    public static Tensor of(float[][] rows) {
        return of(flatten(rows), rows.length, rows.length == 0 ? 0 : rows[0].length);
    }

    /** A float64 matrix from rows of equal length. */
    public static Tensor of(double[][] rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        double[] flat = new double[rows.length * cols];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != cols) {
                throw new IllegalArgumentException("row " + r + " has " + rows[r].length + " values, expected " + cols);
            }
            System.arraycopy(rows[r], 0, flat, r * cols, cols);
        }
        return of(flat, rows.length, cols);
    }

    /** A float32 column vector [n, 1]. */
    public static Tensor column(float... values) {
        return of(values, values.length, 1);
    }

    /** A scalar tensor (shape []). */
    public static Tensor scalar(double value) {
        return new Tensor(Nd4j.scalar(value));
    }

    /** A tensor of zeros. */
    public static Tensor zeros(DType dtype, int... shape) {
        return new Tensor(Nd4j.zeros(dtype.nd4j, toLong(shape)));
    }

    /** The shape, batch axis first. */
    public int[] shape() {
        long[] s = array.shape();
        int[] r = new int[s.length];
        for (int i = 0; i < s.length; i++) r[i] = (int) s[i];
        return r;
    }

    /** Number of axes. */
    public int rank() {
        return array.rank();
    }

    /** Size of the first axis (the batch axis): 1 for a scalar. */
    public int rows() {
        return array.rank() == 0 ? 1 : (int) array.size(0);
    }

    /** Total number of values. */
    public long length() {
        return array.length();
    }

    /** The element type. */
    public DType dtype() {
        return array.dataType() == DataType.DOUBLE ? DType.FLOAT64 : DType.FLOAT32;
    }

    /** All values, row-major, as floats. */
    public float[] toFloatArray() {
        return array.dup('c').castTo(DataType.FLOAT).data().asFloat();
    }

    /** All values, row-major, as doubles. */
    public double[] toDoubleArray() {
        return array.dup('c').castTo(DataType.DOUBLE).data().asDouble();
    }

    /** A rank-2 tensor as rows. */
    public float[][] toFloatMatrix() {
        if (array.rank() != 2) throw new IllegalStateException("toFloatMatrix needs a rank-2 tensor, got shape " + Arrays.toString(shape()));
        float[] flat = toFloatArray();
        int rows = (int) array.size(0), cols = (int) array.size(1);
        float[][] out = new float[rows][cols];
        for (int r = 0; r < rows; r++) System.arraycopy(flat, r * cols, out[r], 0, cols);
        return out;
    }

    /** The value at the given indices. */
    public double get(int... indices) {
        long[] idx = toLong(indices);
        return array.getDouble(idx);
    }

    /** The single value of a one-element tensor. */
    public double item() {
        if (array.length() != 1) throw new IllegalStateException("item() needs one value, tensor has shape " + Arrays.toString(shape()));
        return array.getDouble(0);
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive) of the first axis, as a copy. */
    public Tensor rows(int from, int to) {
        return new Tensor(sliceRows(array, from, to));
    }

    /** The rows at the given indices of the first axis, as a copy (for shuffling). */
    public Tensor gather(int[] rowIndices) {
        // Rows of a [rows, everything else] matrix; pullRows needs rank 2 (rank 3+ failed here before).
        if (array.rank() == 0) throw new IllegalStateException("a scalar has no rows");
        long[] s = array.shape().clone();
        s[0] = rowIndices.length;
        INDArray flat = array.rank() == 2 ? array : array.reshape('c', array.size(0), array.length() / Math.max(1, array.size(0)));
        INDArray out = Nd4j.pullRows(flat, 1, rowIndices);
        return new Tensor(array.rank() == 2 ? out : out.reshape('c', s));
    }

    /** The same values in a new shape (same count). */
    public Tensor reshape(int... shape) {
        checkCount(array.length(), shape);
        return new Tensor(array.dup('c').reshape('c', toLong(shape)));
    }

    /** This tensor in the given precision (a copy when it changes). */
    public Tensor to(DType dtype) {
        return array.dataType() == dtype.nd4j ? this : new Tensor(array.castTo(dtype.nd4j));
    }

    /** A deep copy. */
    public Tensor copy() {
        return new Tensor(array.dup('c'));
    }

    /** Concatenates tensors along the first axis. */
    public static Tensor concatRows(java.util.List<Tensor> parts) {
        INDArray[] arrays = parts.stream().map(t -> t.array).toArray(INDArray[]::new);
        return new Tensor(Nd4j.concat(0, arrays));
    }

    /** True when shapes are equal and every value differs by at most {@code tolerance}. */
    public boolean allClose(Tensor other, double tolerance) {
        if (!Arrays.equals(shape(), other.shape())) return false;
        double[] a = toDoubleArray(), b = other.toDoubleArray();
        for (int i = 0; i < a.length; i++) if (!(Math.abs(a[i] - b[i]) <= tolerance)) return false;
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && Arrays.equals(shape(), t.shape()) && Arrays.equals(toDoubleArray(), t.toDoubleArray());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(toDoubleArray());
    }

    @Override
    public String toString() {
        return "Tensor" + Arrays.toString(shape()) + " " + array.toStringFull().replaceAll("\\s+", " ");
    }

    static INDArray sliceRows(INDArray a, int from, int to) {
        if (a.rank() == 0) throw new IllegalStateException("a scalar has no rows");
        long[] s = a.shape().clone();
        long inner = a.length() / Math.max(1, s[0]);
        s[0] = to - from;
        INDArray flat = a.reshape('c', a.size(0), inner);
        return flat.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to), org.nd4j.linalg.indexing.NDArrayIndex.all())
                .dup('c').reshape('c', s);
    }

    static long[] toLong(int[] shape) {
        long[] r = new long[shape.length];
        for (int i = 0; i < shape.length; i++) r[i] = shape[i];
        return r;
    }

    private static void checkCount(long count, int[] shape) {
        long n = 1;
        for (int d : shape) n *= d;
        if (n != count) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n + " values, got " + count);
        }
    }

    private static float[] flatten(float[][] rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        float[] flat = new float[rows.length * cols];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != cols) {
                throw new IllegalArgumentException("row " + r + " has " + rows[r].length + " values, expected " + cols);
            }
            System.arraycopy(rows[r], 0, flat, r * cols, cols);
        }
        return flat;
    }
}
