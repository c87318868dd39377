package dev.strata.ops;

import org.nd4j.linalg.api.buffer.DataType;

/** Floating-point precision of a model: float32 by default, float64 for gradient checks. */
public enum DType {
    FLOAT32(DataType.FLOAT),
    FLOAT64(DataType.DOUBLE);

    final DataType nd4j;

    DType(DataType nd4j) {
        this.nd4j = nd4j;
    }
}
