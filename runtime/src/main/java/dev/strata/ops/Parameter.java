package dev.strata.ops;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A named weight with its value: one per kernel or bias. Layers own parameters; a layer applied
 * twice reads the same parameter twice, which is how weights are shared.
 */
public final class Parameter {
    private final String name;
    private final int[] shape;
    final INDArray value;
    private volatile boolean trainable;

    /** A parameter holding a copy of {@code initial}, in the given precision. */
    public Parameter(String name, Tensor initial, DType dtype, boolean trainable) {
        this.name = name;
        this.shape = initial.shape();
        this.value = initial.array.castTo(dtype.nd4j).dup('c');
        this.trainable = trainable;
    }

    /** Qualified name, e.g. {@code dense_1/kernel}. */
    public String name() {
        return name;
    }

    /** The shape. */
    public int[] shape() {
        return shape.clone();
    }

    /** Whether optimizers update it. */
    public boolean trainable() {
        return trainable;
    }

    /** Freezes or unfreezes it. */
    public void setTrainable(boolean trainable) {
        this.trainable = trainable;
    }

    /** A copy of the current value. */
    public Tensor get() {
        return new Tensor(value.dup('c'));
    }

    /** Replaces the value; the shape must match. */
    public void set(Tensor newValue) {
        if (!Arrays.equals(newValue.shape(), shape)) {
            throw new IllegalArgumentException("weight '" + name + "': expected shape " + Arrays.toString(shape)
                    + ", got " + Arrays.toString(newValue.shape()));
        }
        value.assign(newValue.array);
    }

    /** The precision of the stored value. */
    public DType dtype() {
        return value.dataType() == org.nd4j.linalg.api.buffer.DataType.DOUBLE ? DType.FLOAT64 : DType.FLOAT32;
    }

    /** Number of values. */
    public long size() {
        return value.length();
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
