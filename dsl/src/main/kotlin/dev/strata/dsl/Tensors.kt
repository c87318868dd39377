package dev.strata.dsl

import dev.strata.ops.Tensor

/** A float64 matrix from rows of equal length: `tensorOf(doubleArrayOf(0.0, 1.0), doubleArrayOf(1.0, 0.0))`. */
fun tensorOf(vararg rows: DoubleArray): Tensor = Tensor.of(rows)

/** A float32 matrix from rows of equal length. */
fun tensorOf(vararg rows: FloatArray): Tensor = Tensor.of(rows)

/** A float64 column vector of shape [n, 1]: targets of a single-unit output, e.g. `columnOf(0.0, 1.0, 1.0, 0.0)`. */
fun columnOf(vararg values: Double): Tensor = Tensor.of(values, values.size, 1)

/** These values (row-major) as a float64 tensor of the given shape; a vector when no shape is given. */
fun DoubleArray.toTensor(vararg shape: Int): Tensor = Tensor.of(this, *(if (shape.isEmpty()) intArrayOf(size) else shape))

/** These values (row-major) as a float32 tensor of the given shape; a vector when no shape is given. */
fun FloatArray.toTensor(vararg shape: Int): Tensor = Tensor.of(this, *(if (shape.isEmpty()) intArrayOf(size) else shape))

/** Rows of equal length as a float64 matrix. */
fun Array<DoubleArray>.toTensor(): Tensor = Tensor.of(this)

/** Rows as a float64 matrix. */
fun List<DoubleArray>.toTensor(): Tensor = Tensor.of(toTypedArray())

/** All values, row-major. */
fun Tensor.toList(): List<Double> = toDoubleArray().asList()

/** A rank-2 tensor as rows of doubles. */
fun Tensor.toRows(): List<DoubleArray> {
    val s = shape()
    check(s.size == 2) { "toRows needs a rank-2 tensor, got shape ${s.contentToString()}" }
    val flat = toDoubleArray()
    return List(s[0]) { r -> flat.copyOfRange(r * s[1], (r + 1) * s[1]) }
}
