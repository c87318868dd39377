package dev.strata.dsl

import dev.strata.ops.Expr

// Kotlin operators on symbolic expressions. `a + b`, `a - b`, `a * b`, `a / b` between expressions
// and `a + 2.0`, `a * 0.5` with a Double already work through Expr's own plus/minus/times/div;
// these add the rest: Int constants, a number on the left, unary minus, integer powers, and
// kotlin.math-style functions.

/** −this. */
operator fun Expr.unaryMinus(): Expr = neg()

/** this + c. */
operator fun Expr.plus(c: Int): Expr = plus(c.toDouble())

/** this − c. */
operator fun Expr.minus(c: Int): Expr = minus(c.toDouble())

/** this × c. */
operator fun Expr.times(c: Int): Expr = times(c.toDouble())

/** this ÷ c. */
operator fun Expr.div(c: Int): Expr = div(c.toDouble())

/** c + e. */
operator fun Double.plus(e: Expr): Expr = e.plus(this)

/** c − e. */
operator fun Double.minus(e: Expr): Expr = e.rsub(this)

/** c × e. */
operator fun Double.times(e: Expr): Expr = e.times(this)

/** c ÷ e. */
operator fun Double.div(e: Expr): Expr = Expr.constant(this).div(e)

/** c + e. */
operator fun Int.plus(e: Expr): Expr = toDouble() + e

/** c − e. */
operator fun Int.minus(e: Expr): Expr = toDouble() - e

/** c × e. */
operator fun Int.times(e: Expr): Expr = toDouble() * e

/** c ÷ e. */
operator fun Int.div(e: Expr): Expr = toDouble() / e

/** this raised to an integer power: `x.pow(3)`. */
fun Expr.pow(p: Int): Expr = pow(p.toDouble())

/** Mean over one axis (negative counts from the end), dropping it unless [keepDims]. */
fun Expr.mean(axis: Int, keepDims: Boolean = false): Expr = mean(keepDims, axis)

/** Sum over one axis (negative counts from the end), dropping it unless [keepDims]. */
fun Expr.sum(axis: Int, keepDims: Boolean = false): Expr = sum(keepDims, axis)

/** Element-wise square root. */
fun sqrt(e: Expr): Expr = e.sqrt()

/** Element-wise e^x. */
fun exp(e: Expr): Expr = e.exp()

/** Element-wise natural logarithm. */
fun ln(e: Expr): Expr = e.log()

/** Element-wise absolute value. */
fun abs(e: Expr): Expr = e.abs()
