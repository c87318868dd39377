package dev.strata.dsl

import dev.strata.dsl.data.batch
import dev.strata.dsl.data.fit
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import java.io.File

class KerasFitSpec : FunSpec({

    test("importKeras reads a Keras .h5 file and predicts what Keras recorded") {
        val dir = listOf(File("../samples/data/keras"), File("samples/data/keras")).first { it.isDirectory }
        val model = importKeras(File(dir, "conv1d_1layer.h5").path)
        val rows = File(dir, "tb_input_features.dat").readLines().filter { it.isNotBlank() }
            .map { l -> l.trim().split(Regex("\\s+")).map { it.toDouble() } }
        val expected = File(dir, "tb_output_predictions.dat").readLines().filter { it.isNotBlank() }
            .flatMap { l -> l.trim().split(Regex("\\s+")).map { it.toDouble() } }
        val x = dev.strata.ops.Tensor.of(rows.flatten().toDoubleArray(), rows.size, 5, 5)
        model.predict(x).toDoubleArray().toList().zip(expected).forEach { (p, e) -> p shouldBe (e plusOrMinus 1e-5) }
    }

    test("fit takes Keras's sampleWeight, classWeight, initialEpoch and terminateOnNaN()") {
        val x = tensorOf(*Array(32) { i -> doubleArrayOf(i / 32.0, (i % 5) / 5.0) })
        val y = columnOf(*DoubleArray(32) { i -> if (i % 3 == 0) 1.0 else 0.0 })
        fun net() = sequential(inputShape = intArrayOf(2), seed = 3) { dense(1, activation = sigmoid) }
            .also { it.compile(optimizer = sgd(lr = 0.1), loss = binaryCrossentropy) }
        val byClass = net().fit(x, y, epochs = 2, batchSize = 8, verbose = 0, classWeight = mapOf(0 to 1.0, 1 to 2.0))
        val w = columnOf(*DoubleArray(32) { i -> if (i % 3 == 0) 2.0 else 1.0 })
        val bySample = net().fit(x, y, epochs = 2, batchSize = 8, verbose = 0, sampleWeight = w)
        bySample.get("loss") shouldBe byClass.get("loss")
        net().fit(x, y, epochs = 2, batchSize = 8, verbose = 0).get("loss") shouldNotBe byClass.get("loss")
        val resumed = net().fit(x, y, epochs = 4, initialEpoch = 2, batchSize = 8, verbose = 0, callbacks = listOf(terminateOnNaN()))
        resumed.epochIndices() shouldBe listOf(2, 3)

        // A pipeline of the same four batches, in order, weighs its classes as the arrays do.
        val batches = (0 until 4).map { b ->
            dev.strata.training.Batch(mapOf("x" to x.rows(b * 8, b * 8 + 8)), mapOf("y" to y.rows(b * 8, b * 8 + 8)))
        }
        val piped = net().fit(kotlinx.coroutines.flow.flowOf(*batches.toTypedArray()), epochs = 2, verbose = 0, classWeight = mapOf(0 to 1.0, 1 to 2.0))
        val arrays = net().fit(x, y, epochs = 2, batchSize = 8, shuffle = false, verbose = 0, classWeight = mapOf(0 to 1.0, 1 to 2.0))
        piped.get("loss") shouldBe arrays.get("loss")
    }

    test("a pipeline's sampleWeight column weighs the loss as fit's sampleWeight does") {
        val xs = Array(32) { i -> floatArrayOf(i / 32f, (i % 5) / 5f) }
        val ys = FloatArray(32) { i -> if (i % 3 == 0) 1f else 0f }
        val ws = FloatArray(32) { i -> if (i % 4 == 0) 3f else 0.5f }
        fun net() = sequential(inputShape = intArrayOf(2), seed = 5) { dense(1, activation = sigmoid, name = "p") }
            .also { it.compile(optimizer = sgd(lr = 0.1), loss = binaryCrossentropy) }
        val rows = dev.strata.dsl.data.arraySource("x" to xs, "y" to ys, "w" to ws)
        val weighted = dev.strata.dsl.data.features { input("x", "x"); target("p", "y"); sampleWeight("w") }
        val viaPipeline = net()
        val piped = viaPipeline.fit(rows.batch(8, weighted), epochs = 3, verbose = 0)
        val x = tensorOf(*Array(32) { i -> doubleArrayOf(xs[i][0].toDouble(), xs[i][1].toDouble()) })
        val y = columnOf(*DoubleArray(32) { ys[it].toDouble() })
        val viaArrays = net()
        val arrays = viaArrays.fit(x, y, epochs = 3, batchSize = 8, shuffle = false, verbose = 0,
            sampleWeight = columnOf(*DoubleArray(32) { ws[it].toDouble() }))
        piped.get("loss").zip(arrays.get("loss")).forEach { (p, a) -> p shouldBe (a plusOrMinus 1e-6) }
        viaPipeline.getWeights("p")[0].toDoubleArray().toList().zip(viaArrays.getWeights("p")[0].toDoubleArray().toList())
            .forEach { (p, a) -> p shouldBe (a plusOrMinus 1e-6) }
        // Unweighted, the same pipeline trains differently: the weights did something.
        val plain = net().fit(rows.batch(8, dev.strata.dsl.data.features { input("x", "x"); target("p", "y") }), epochs = 3, verbose = 0)
        plain.get("loss") shouldNotBe piped.get("loss")
        // The per-output form names the output.
        val perOutput = net().fit(rows.batch(8, dev.strata.dsl.data.features { input("x", "x"); target("p", "y"); sampleWeight("p", "w") }),
            epochs = 3, verbose = 0)
        perOutput.get("loss").zip(arrays.get("loss")).forEach { (p, a) -> p shouldBe (a plusOrMinus 1e-6) }
    }
})
