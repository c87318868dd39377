package dev.strata.dsl

import dev.strata.ops.DType
import dev.strata.ops.Expr
import dev.strata.ops.Plan
import dev.strata.ops.Tensor

/**
 * The derivative of a scalar function at a point, by reverse-mode automatic differentiation in
 * float64: `gradient(at = 2.0) { x -> x.pow(3) - 3 * x.pow(2) + 4 * x }` is 4.0.
 *
 * [f] receives x as a symbolic scalar and builds its result with Strata's tensor operations.
 */
fun gradient(at: Double, f: (x: Expr) -> Expr): Double =
    Differentiable(intArrayOf(), f).evaluate(Tensor.scalar(at)).second.item()

/**
 * The gradient of a scalar function of a vector at a point: `gradient(doubleArrayOf(1.0, 2.0)) { v -> v.square().sum() }`
 * is [2.0, 4.0]. [f] receives x as a symbolic vector of `at.size` values and must return a scalar.
 */
fun gradient(at: DoubleArray, f: (x: Expr) -> Expr): DoubleArray =
    Differentiable(intArrayOf(at.size), f).evaluate(Tensor.of(at, at.size)).second.toDoubleArray()

/**
 * Gradient descent on a scalar function: `steps` updates x ← x − lr·f'(x) from [start]; returns the
 * last x. `minimize(start = 0.0, lr = 0.1, steps = 100) { x -> (x - 2).pow(2) }` finds 2.0.
 */
fun minimize(start: Double, lr: Double = 0.1, steps: Int = 100, f: (x: Expr) -> Expr): Double {
    require(steps >= 0) { "minimize: steps must be >= 0, got $steps" }
    val fn = Differentiable(intArrayOf(), f)
    var x = start
    repeat(steps) { x -= lr * fn.evaluate(Tensor.scalar(x)).second.item() }
    return x
}

/** Gradient descent on a scalar function of a vector; returns the last x. See the scalar [minimize]. */
fun minimize(start: DoubleArray, lr: Double = 0.1, steps: Int = 100, f: (x: Expr) -> Expr): DoubleArray {
    require(steps >= 0) { "minimize: steps must be >= 0, got $steps" }
    val fn = Differentiable(intArrayOf(start.size), f)
    val x = start.clone()
    repeat(steps) {
        val g = fn.evaluate(Tensor.of(x, x.size)).second.toDoubleArray()
        for (i in x.indices) x[i] -= lr * g[i]
    }
    return x
}

/** A user's function compiled once into a float64 plan that gives its value and gradient at any point. */
private class Differentiable(shape: IntArray, f: (Expr) -> Expr) {
    private val x: Expr = Expr.input("x", *shape)
    private val y: Expr = f(x)
    private val plan: Plan

    init {
        require(y.rank() == 0 || y.shape().all { it == 1 }) {
            "the function must return a scalar, but f(x) has shape ${y.shape().contentToString()}; reduce it with sum() or mean()"
        }
        // x is a root too, so a function that ignores x still compiles (its gradient is zero).
        plan = Plan.compile(listOf(y, x), DType.FLOAT64)
    }

    fun evaluate(at: Tensor): Pair<Double, Tensor> {
        plan.feed(x, at)
        plan.forward(false)
        plan.backward(y, x)
        val g = try {
            plan.gradient(x)
        } catch (e: IllegalArgumentException) {
            Tensor.zeros(DType.FLOAT64, *at.shape())
        }
        return plan.scalar(y) to g
    }
}
