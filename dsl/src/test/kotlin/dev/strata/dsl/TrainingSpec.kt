package dev.strata.dsl

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainAll
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.doubles.shouldBeLessThan
import io.kotest.matchers.ints.shouldBeLessThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import java.nio.file.Files
import kotlin.math.abs
import kotlin.math.sin

class TrainingSpec : FunSpec({

    test("XOR: 2 -> 5 sigmoid -> 1 sigmoid learns every target to within 0.1") {
        val x = tensorOf(doubleArrayOf(0.0, 0.0), doubleArrayOf(0.0, 1.0), doubleArrayOf(1.0, 0.0), doubleArrayOf(1.0, 1.0))
        val y = columnOf(0.0, 1.0, 1.0, 0.0)
        val net = sequential(inputShape = intArrayOf(2), seed = 7) {
            dense(5, activation = sigmoid)
            dense(1, activation = sigmoid)
        }
        net.compile(optimizer = adam(lr = 0.05), loss = binaryCrossentropy, metrics = listOf(accuracy))

        val history = net.fit(x, y, epochs = 1000, batchSize = 4, verbose = 0)

        val predicted = net.predict(x).toList()
        predicted.zip(listOf(0.0, 1.0, 1.0, 0.0)).forEach { (p, t) -> abs(p - t) shouldBeLessThan 0.1 }
        history.epochs() shouldBe 1000
        history.last("accuracy") shouldBe 1.0
        history.last("loss") shouldBeLessThan history.get("loss").first()
    }

    test("two outputs on a shared trunk: per-output History keys, and a head with loss weight 0 stays untouched") {
        val rows = 200
        val xs = List(rows) { i -> DoubleArray(3) { j -> ((i * 7 + j * 13) % 17) / 17.0 } }
        val pe = columnOf(*DoubleArray(rows) { i -> xs[i][0] + 0.5 * xs[i][1] - xs[i][2] })
        val v = columnOf(*DoubleArray(rows) { i -> sin(3 * xs[i][0]) })
        val net = model(name = "two_heads", seed = 1) {
            val x = input("x", 3)
            val trunk = dense(10, activation = relu, name = "trunk")(x)
            output("pe", dense(1, name = "pe_head")(trunk))
            val branch = dense(6, activation = relu, name = "v_branch")(trunk)
            output("v", dense(1, name = "v_head")(branch))
        }
        val trunkBefore = net.getWeights("trunk").map { it.toList() }
        val branchBefore = net.getWeights("v_branch").map { it.toList() }
        val vHeadBefore = net.getWeights("v_head").map { it.toList() }
        net.compile(
            optimizer = adam(lr = 0.01),
            loss = mapOf("pe" to mse, "v" to mse),
            lossWeights = mapOf("v" to 0.0),
            metrics = mapOf("pe" to listOf(rmse), "v" to listOf(mae)),
        )

        val history = net.fit(xs.toTensor(), mapOf("pe" to pe, "v" to v), epochs = 20, batchSize = 16, validationSplit = 0.2, verbose = 0)

        history.values().keys shouldContainAll listOf(
            "loss", "pe_loss", "v_loss", "pe_rmse", "v_mae", "val_loss", "val_pe_loss", "val_v_loss", "val_pe_rmse", "val_v_mae",
        )
        history.get("pe_loss") shouldHaveSize 20
        history.last("pe_loss") shouldBeLessThan history.get("pe_loss").first()
        // The total is the pe loss alone: v's weight is 0.
        history.last("loss") shouldBe (history.last("pe_loss") plusOrMinus 1e-6)
        net.getWeights("trunk").map { it.toList() } shouldNotBe trunkBefore
        net.getWeights("v_branch").map { it.toList() } shouldBe branchBefore
        net.getWeights("v_head").map { it.toList() } shouldBe vHeadBefore

        val scores = net.evaluate(xs.toTensor(), mapOf("pe" to pe, "v" to v))
        scores.keys shouldContainAll listOf("loss", "pe_loss", "v_loss", "pe_rmse", "v_mae")
    }

    test("a custom RMSE loss written with Expr operators trains a linear model") {
        val xs = DoubleArray(64) { it / 32.0 - 1.0 }
        val x = columnOf(*xs)
        val y = columnOf(*DoubleArray(64) { 2 * xs[it] + 1 })
        val rmseLoss = customLoss("rmse_loss") { yTrue, yPred -> (yTrue - yPred).square().mean().sqrt() }
        val net = sequential(inputShape = intArrayOf(1), seed = 3) { dense(1, name = "line") }
        net.compile(optimizer = adam(lr = 0.05), loss = rmseLoss, metrics = listOf(mse, rmse))

        val history = net.fit(x, y, epochs = 150, batchSize = 16, verbose = 0)

        history.last("loss") shouldBeLessThan 0.05
        history.last("loss") shouldBeLessThan history.get("loss").first() / 10
        // The loss is the RMSE, so it agrees with the built-in metric computed over the epoch.
        history.last("rmse") shouldBe (history.last("loss") plusOrMinus 0.05)
        val (kernel, bias) = net.getWeights("line").map { it.item() }
        kernel shouldBe (2.0 plusOrMinus 0.1)
        bias shouldBe (1.0 plusOrMinus 0.1)
    }

    test("a custom metric over Expr is reported by name") {
        val x = tensorOf(doubleArrayOf(1.0), doubleArrayOf(2.0))
        val net = sequential(inputShape = intArrayOf(1)) { dense(1, kernelInitializer = constant(1.0), name = "identity") }
        net.compile(optimizer = sgd(lr = 0.0001), loss = mse, metrics = listOf(customMetric("mean_pred") { _, yPred -> yPred.mean() }))
        val scores = net.evaluate(x, columnOf(1.0, 2.0))
        scores.getValue("mean_pred") shouldBe (1.5 plusOrMinus 1e-6)
        scores.getValue("loss") shouldBe (0.0 plusOrMinus 1e-9)
    }

    test("early stopping, learning-rate schedule, batch hook and trainOnBatch through the DSL") {
        val x = tensorOf(*Array(32) { doubleArrayOf(it / 32.0) })
        val y = columnOf(*DoubleArray(32) { 3 * it / 32.0 })
        val net = sequential(inputShape = intArrayOf(1), seed = 5) { dense(1, name = "w") }
        net.compile(optimizer = sgd(lr = 0.1, momentum = 0.9, nesterov = true, decay = 1e-6), loss = mse)
        val rates = mutableListOf<Double>()
        var batches = 0
        val stop = earlyStopping(monitor = "loss", minDelta = 1e9, patience = 3)

        val history = net.fit(
            x, y, epochs = 50, batchSize = 8, verbose = 0,
            callbacks = listOf(
                stop,
                learningRateScheduler { epoch, _ -> 0.1 / (epoch + 1) },
                batchHook { _, _, trainer -> batches++; if (batches % 4 == 0) rates += trainer.learningRate() },
            ),
        )

        // No epoch improves the loss by 1e9, so training stops after the first epoch plus `patience`.
        history.epochs() shouldBe 4
        stop.stoppedEpoch() shouldBe 3
        batches shouldBe 16
        rates shouldBe listOf(0.1, 0.05, 0.1 / 3, 0.025)
        net.trainOnBatch(x, y).getValue("loss") shouldBeLessThan 100.0

        val stopAt = thresholdStop(threshold = 1e6)
        net.fit(x, y, epochs = 10, verbose = 0, callbacks = listOf(stopAt)).epochs() shouldBe 1
        stopAt.stoppedEpoch() shouldBe 0
        net.evaluate(x, y).keys shouldBe setOf("loss")
    }

    test("a model saved through the DSL loads back and predicts identically, and a checkpoint keeps the best epoch") {
        val dir = Files.createTempDirectory("strata-dsl-save")
        try {
            val x = tensorOf(doubleArrayOf(0.0, 1.0), doubleArrayOf(1.0, 0.0), doubleArrayOf(0.5, 0.5))
            val y = columnOf(1.0, 0.0, 0.5)
            val net = model(name = "saved", seed = 11) {
                val input = input("x", 2)
                output("y", dense(1, activation = sigmoid, name = "out")(dense(4, activation = elu, name = "hidden")(input)))
            }
            net.compile(optimizer = adam(lr = 0.01), loss = mse)
            val best = dir.resolve("best.strata").toString()
            net.fit(x, y, epochs = 5, verbose = 0, callbacks = listOf(modelCheckpoint(best, monitor = "loss", saveBestOnly = true)))
            val path = dir.resolve("net.strata").toString()
            net.save(path)

            val loaded = loadModel(path)

            loaded.name() shouldBe "saved"
            loaded.predict(x).toList() shouldBe net.predict(x).toList()
            loadModel(best).predict(x).toList() shouldBe net.predict(x).toList()
        } finally {
            dir.toFile().deleteRecursively()
        }
    }
})
