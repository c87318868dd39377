package dev.strata.dsl

import dev.strata.ops.DType
import dev.strata.ops.ReluBackward
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.shouldBe

class InspectionSpec : FunSpec({
    val net = sequential(inputShape = intArrayOf(3), seed = 4, dtype = DType.FLOAT64) {
        dense(1, name = "out")
    }
    val w = doubleArrayOf(0.5, -1.0, 2.0)
    net.setWeights("out", listOf(w.toTensor(3, 1), doubleArrayOf(0.25).toTensor(1)))
    val x = doubleArrayOf(1.0, 2.0, -1.0).toTensor(1, 3)

    test("kernelShap on a linear model gives w_i (x_i - mean background_i)") {
        val background = doubleArrayOf(0.0, 0.0, 0.0, 2.0, 2.0, 2.0).toTensor(2, 3)
        val a = net.kernelShap(x, background)
        a.contributions().toList().zip(listOf(0.5 * 0.0, -1.0 * 1.0, 2.0 * -2.0)).forEach { (got, want) -> got shouldBe (want plusOrMinus 1e-9) }
        a.baseValue() shouldBe (0.25 + 2 * (0.5 - 1.0 + 2.0) / 2 plusOrMinus 1e-9)
    }

    test("integratedGradients from a zero baseline on a linear model gives w_i x_i") {
        val a = net.integratedGradients(x, steps = 8)
        a.contributions().toList().zip(listOf(0.5, -2.0, -2.0)).forEach { (got, want) -> got shouldBe (want plusOrMinus 1e-9) }
        a.prediction() shouldBe (0.25 + 0.5 - 2.0 - 2.0 plusOrMinus 1e-9)
    }

    test("gradients reach the weights and the input, with any ReLU rule") {
        val g = net.gradients(x, rule = ReluBackward.GUIDED)
        g.input().toDoubleArray().toList() shouldBe w.toList()
        g.weights("out")["kernel"]!!.toDoubleArray().toList() shouldBe listOf(1.0, 2.0, -1.0)
        net.activations("out", x).item() shouldBe (-3.25 plusOrMinus 1e-12)
    }
})
