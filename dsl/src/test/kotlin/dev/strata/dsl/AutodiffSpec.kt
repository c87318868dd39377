package dev.strata.dsl

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.shouldBe

class AutodiffSpec : FunSpec({

    test("f(x) = x³ − 3x² + 4x has f'(2) = 4") {
        gradient(at = 2.0) { x -> x.pow(3) - 3 * x.pow(2) + 4 * x } shouldBe 4.0
    }

    test("derivatives of other expressions match calculus") {
        gradient(at = 0.5) { x -> -x.square() + 2.0 * x - 1 } shouldBe (1.0 plusOrMinus 1e-12)
        gradient(at = 4.0) { x -> sqrt(x) / 2 } shouldBe (0.125 plusOrMinus 1e-12)
        gradient(at = 1.0) { x -> 1.0 / x } shouldBe (-1.0 plusOrMinus 1e-12)
        gradient(at = 0.0) { x -> x.sigmoid() } shouldBe (0.25 plusOrMinus 1e-12)
        gradient(at = 3.0) { x -> (x * 0.0 + 5).sum() } shouldBe 0.0
        gradient(doubleArrayOf(1.0, -2.0, 3.0)) { v -> v.square().sum() }.toList() shouldBe listOf(2.0, -4.0, 6.0)
    }

    test("gradient descent on (x − 2)² = x² − 4x + 4 finds the root 2") {
        minimize(start = 0.0, lr = 0.1, steps = 200) { x -> (x - 2).pow(2) } shouldBe (2.0 plusOrMinus 1e-9)
        minimize(start = 10.0, lr = 0.2, steps = 200) { x -> x.pow(2) - 4 * x + 4 } shouldBe (2.0 plusOrMinus 1e-9)
        val p = minimize(start = doubleArrayOf(0.0, 0.0), lr = 0.1, steps = 300) { v ->
            (v - tensorConstant(1.0, -3.0)).square().sum()
        }
        p[0] shouldBe (1.0 plusOrMinus 1e-9)
        p[1] shouldBe (-3.0 plusOrMinus 1e-9)
    }
})

private fun tensorConstant(vararg values: Double) = dev.strata.ops.Expr.constant(values.toTensor())
