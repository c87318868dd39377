package dev.strata.dsl.data

import dev.strata.activations.Activation
import dev.strata.callbacks.EarlyStopping
import dev.strata.callbacks.Mode
import dev.strata.layers.Dense
import dev.strata.layers.Flatten
import dev.strata.losses.Loss
import dev.strata.model.Sequential
import dev.strata.ops.DType
import dev.strata.ops.Tensor
import dev.strata.optimizers.Optimizer
import dev.strata.training.Batch
import dev.strata.training.Callback
import dev.strata.training.CompileOptions
import dev.strata.training.FitOptions
import dev.strata.training.Trainer
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainAll
import io.kotest.matchers.doubles.shouldBeLessThan
import io.kotest.matchers.ints.shouldBeLessThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import java.util.concurrent.atomic.AtomicBoolean
import java.util.concurrent.atomic.AtomicInteger
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.delay
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.flow.onCompletion
import kotlinx.coroutines.flow.onStart
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.withTimeout

/** A pipeline of a million small batches of y = 2x that records how far it got and whether it was closed. */
private class Endless {
    val produced = AtomicInteger()
    val closed = AtomicBoolean()
    val flow: Flow<Batch> = flow {
        try {
            for (i in 0 until 1_000_000) {
                val x = FloatArray(4) { (i % 10 + it) / 10f }
                emit(Batch(mapOf("input" to Tensor.of(x, 4, 1)), mapOf("target" to Tensor.of(FloatArray(4) { 2 * x[it] }, 4, 1))))
                produced.incrementAndGet()
            }
        } finally {
            closed.set(true) // where a real source closes its file
        }
    }
}

/** Calls [action] after batch [after] of the first epoch. */
private fun afterBatch(after: Int, action: (Trainer) -> Unit) = object : Callback {
    override fun onBatchEnd(epoch: Int, batch: Int, logs: Map<String, Double>, trainer: Trainer) {
        if (batch == after) action(trainer)
    }
}

class PipelineTrainingSpec : FunSpec({

    test("a single-output model learns from a CSV pipeline; evaluate reads a pipeline too (SPEC E7)") {
        val data = csvSource(SAMPLES.resolve("advertising.csv"))
        val prep = preprocessing { standardize("TV", "Radio", "Newspaper") }.fit(data)
        val features = features(listOf("TV", "Radio", "Newspaper"), "Sales")
        val model = linearModel(3, learningRate = 0.1)

        val history = model.fit(data.preprocess(prep).shuffle(200, seed = 1).batch(16, features).prefetch(), epochs = 40, verbose = 0)
        val scores = model.evaluate(data.preprocess(prep).batch(64, features))

        history.get("loss").size shouldBe 40
        history.last("loss") shouldBeLessThan history.get("loss")[0] / 20
        scores.getValue("loss") shouldBeLessThan 4.0 // linear regression on this data reaches an MSE of about 2.8
    }

    test("a two-output model takes per-output targets by column name, with validation (SPEC E8 shape)") {
        val (train, test) = csvSource(SAMPLES.resolve("ccpp.csv")).take(3000).split(0.8, seed = 1)
        val prep = preprocessing { minMax("AT", "AP", "RH"); standardize("PE", "V") }.fit(train)
        val features = features { input("x", "AT", "AP", "RH"); target("pe", "PE"); target("v", "V") }
        val model = twoOutputModel()

        val history = model.fit(
            train.preprocess(prep).shuffle(1000, seed = 2).batch(32, features), epochs = 8,
            validation = test.preprocess(prep).batch(256, features), verbose = 0,
        )

        history.values().keys shouldContainAll listOf("loss", "pe_loss", "v_loss", "val_loss", "val_pe_loss", "val_v_loss")
        history.last("val_pe_loss") shouldBeLessThan 0.15 // standardized PE: far below the variance of 1
        history.last("val_v_loss") shouldBeLessThan 0.5
        model.evaluate(test.preprocess(prep).batch(256, features)).keys shouldContainAll listOf("pe_loss", "v_loss")
    }

    test("images reach a model whose input is not flat: 784 features become 28x28") {
        val digits = mnistSource(SAMPLES.resolve("mnist"), train = false).take(256)
        val prep = preprocessing { toCategorical(LABEL_COLUMN, 10) }.fit(digits)
        val model = Sequential(28, 28).add(Flatten("flatten")).add(Dense.of("out", 10, Activation.SOFTMAX)).build(1, DType.FLOAT32)
        model.compile(CompileOptions.builder().optimizer(Optimizer.Adam(0.01)).loss(Loss.CategoricalCrossEntropy(false)).build())

        val history = model.fit(digits.preprocess(prep).batch(64, features(listOf(IMAGE_COLUMN), LABEL_COLUMN)), epochs = 3, verbose = 0)

        history.last("loss") shouldBeLessThan history.get("loss")[0]
    }

    test("stopping early cancels a million-batch producer after a few batches and closes it") {
        val source = Endless()
        val model = linearModel(1)

        val history = model.fit(source.flow, epochs = 5, callbacks = listOf(afterBatch(3) { it.stopTraining() }), verbose = 0)

        history.get("loss").size shouldBe 1
        source.closed.get() shouldBe true
        source.produced.get() shouldBeLessThan 20
    }

    test("EarlyStopping ends training between epochs; every epoch's collection was closed") {
        val started = AtomicInteger()
        val completed = AtomicInteger()
        val data = arraySource("x" to DoubleArray(64) { it / 64.0 }, "y" to DoubleArray(64) { 3.0 })
            .batch(16, features(listOf("x"), "y"))
            .onStart { started.incrementAndGet() }
            .onCompletion { completed.incrementAndGet() }
        val model = linearModel(1, learningRate = 1e-6) // too slow to improve by minDelta: patience runs out
        val stopping = EarlyStopping("val_loss", 1e-3, 2, Mode.AUTO, false)

        val history = model.fit(data, epochs = 50, validation = data, callbacks = listOf(stopping), verbose = 0)

        history.get("loss").size shouldBe 3
        started.get() shouldBe 6 // three epochs, each with a validation pass
        completed.get() shouldBe started.get()
    }

    test("an exception in the loop stops and closes the producer, and reaches the caller unchanged") {
        val source = Endless()
        val model = linearModel(1)
        val failure = IllegalStateException("callback failed")

        shouldThrow<IllegalStateException> {
            model.fit(source.flow, epochs = 1, callbacks = listOf(afterBatch(2) { throw failure }), verbose = 0)
        } shouldBe failure
        source.closed.get() shouldBe true
        source.produced.get() shouldBeLessThan 20
    }

    test("cancelling the coroutine that trains stops training and the producer") {
        val source = Endless()
        val model = linearModel(1)
        val training = CompletableDeferred<Unit>()

        coroutineScope {
            val job = async(Dispatchers.Default) {
                model.fitSuspending(source.flow, epochs = 1, callbacks = listOf(afterBatch(2) { training.complete(Unit) }), verbose = 0)
            }
            training.await()
            job.cancel()
            withTimeout(10_000) {
                shouldThrow<CancellationException> { job.await() }
            }
        }
        source.closed.get() shouldBe true
        // Stopped for good: however many batches were made before the cancel landed, none come after it.
        val produced = source.produced.get()
        delay(200)
        source.produced.get() shouldBe produced
    }

    test("Java style: a blocking iterator in try-with-resources, and a BatchSource for Trainer.fit") {
        val source = Endless()
        // What `try (CloseableIterator<Batch> it = Pipelines.iterator(flow)) { ... }` does in Java.
        Pipelines.iterator(source.flow).use { batches ->
            batches.hasNext() shouldBe true
            batches.next().shouldBeInstanceOf<Batch>()
            batches.next().rows() shouldBe 4
        }
        source.closed.get() shouldBe true
        source.produced.get() shouldBeLessThan 10

        val model = linearModel(1)
        val finite = Endless()
        // Trainer.fit takes batches named after the model's input and output, as Java code would name them.
        val named = finite.flow.take(5).map { Batch(it.inputs(), mapOf("out" to it.targets().getValue("target"))) }
        val batches = Pipelines.toBatchSource(named)
        val history = model.trainer().fit(batches, null, FitOptions.builder().epochs(2).verbose(0).build())
        history.get("loss").size shouldBe 2
        finite.closed.get() shouldBe true
    }

    test("a CSV file read by a pipeline is closed when training stops early") {
        val file = SAMPLES.resolve("bias_correction_ucl.csv")
        val options = dev.strata.data.CsvOptions.defaults().withColumns("Present_Tmax", "Next_Tmax")
            .withMissing(dev.strata.data.MissingValues.dropRows())
        Pipelines.iterator(csvSource(file, options)).use { rows ->
            rows.next()
            openHandles(file) shouldBe 1 // the check below can see an open file
        }
        openHandles(file) shouldBe 0

        val model = linearModel(1)
        model.fit(
            csvSource(file, options).batch(8, features(listOf("Present_Tmax"), "Next_Tmax")).prefetch(),
            epochs = 3, callbacks = listOf(afterBatch(1) { it.stopTraining() }), verbose = 0,
        )

        openHandles(file) shouldBe 0
    }
})
