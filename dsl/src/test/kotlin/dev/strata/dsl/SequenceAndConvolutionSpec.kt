package dev.strata.dsl

import dev.strata.ops.Padding
import dev.strata.ops.Tensor
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeSameInstanceAs

class SequenceAndConvolutionSpec : FunSpec({

    test("a small MNIST-style CNN infers every shape and counts its parameters") {
        val cnn = sequential(inputShape = intArrayOf(8, 8, 1), name = "cnn") {
            conv2d(4, 3, activation = relu, name = "c1")
            conv2d(6, 3, activation = relu, padding = Padding.SAME, name = "c2")
            maxPool2d(2, name = "pool")
            dropout(0.25)
            flatten(name = "flat")
            batchNormalization(name = "bn")
            dense(10, activation = softmax, name = "out")
        }
        val summary = cnn.summary()
        summary shouldContain "(None, 6, 6, 4)"
        summary shouldContain "(None, 3, 3, 6)"
        summary shouldContain "(None, 54)"
        // c1: 3·3·1·4 + 4, c2: 3·3·4·6 + 6, bn: γ, β (trainable) and moving mean, variance, out: 54·10 + 10.
        cnn.countParams(false) shouldBe 40L + 222L + 4 * 54L + 550L
        cnn.countParams(true) shouldBe 40L + 222L + 2 * 54L + 550L
        val probabilities = cnn.predict(Tensor.zeros(dev.strata.ops.DType.FLOAT32, 2, 8, 8, 1))
        probabilities.shape().toList() shouldBe listOf(2, 10)
        probabilities.toList().sum() shouldBe (2.0 plusOrMinus 1e-5)
    }

    test("recurrent layers: sequences, states, bidirectional and an embedding") {
        val net = model(name = "seq") {
            val ids = input("ids", 5)
            val vectors = embedding(20, 3, name = "emb")(ids)
            vectors.shape.toList() shouldBe listOf(5, 3)
            val (sequence, h, c) = lstm(4, returnSequences = true, returnState = true, name = "enc").callWithStates(vectors)
            sequence.shape.toList() shouldBe listOf(5, 4)
            h.shape.toList() shouldBe listOf(4)
            c.shape.toList() shouldBe listOf(4)
            val both = bidirectional(gru(2), name = "bi")(sequence)
            both.shape.toList() shouldBe listOf(4)
            output("y", dense(1)(concatenate(both, h, c)))
        }
        net.predict(tensorOf(doubleArrayOf(1.0, 2.0, 3.0, 4.0, 19.0))).shape().toList() shouldBe listOf(1, 1)
        net.layerNames.take(6) shouldContainExactly listOf("emb", "enc", "enc_output", "enc_state_h", "enc_state_c", "bi")
    }

    test("a sequential LSTM regressor trains on a sine series") {
        val steps = 6
        val rows = 64
        val series = DoubleArray(rows + steps + 1) { kotlin.math.sin(it * 0.3) }
        val x = Tensor.of(DoubleArray(rows * steps) { series[it / steps + it % steps] }, rows, steps, 1)
        val y = columnOf(*DoubleArray(rows) { series[it + steps] })
        val net = sequential(inputShape = intArrayOf(steps, 1), seed = 2) {
            lstm(8)
            dense(1)
        }
        net.compile(optimizer = adam(lr = 0.02), loss = mse)
        val history = net.fit(x, y, epochs = 40, batchSize = 16, verbose = 0)
        history.last("loss") shouldBe (0.0 plusOrMinus 0.02)
    }

    test("timeDistributed applies a layer or a whole model at every step, sharing the model's weights") {
        val perStep = model(name = "per_step") { output("z", dense(2, name = "step_dense")(input("v", 3))) }
        val net = model {
            val frames = input("frames", 4, 3)
            val a = timeDistributed(perStep, name = "td_model")(frames)
            val b = timeDistributed(dense(5), name = "td_dense")(frames)
            a.shape.toList() shouldBe listOf(4, 2)
            b.shape.toList() shouldBe listOf(4, 5)
            output("y", dense(1)(flatten()(concatenate(a, b))))
        }
        net.weights().of("step_dense").getValue("kernel") shouldBeSameInstanceAs perStep.weights().of("step_dense").getValue("kernel")
        net.countParams(false) shouldBe (3 * 2 + 2) + (3 * 5 + 5) + (4 * 7 + 1).toLong()
    }
})
