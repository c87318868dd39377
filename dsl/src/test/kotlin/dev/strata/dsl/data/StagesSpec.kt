package dev.strata.dsl.data

import dev.strata.data.DataFormatException
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.ints.shouldBeLessThan
import io.kotest.matchers.ints.shouldBeLessThanOrEqual
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldStartWith
import java.util.concurrent.atomic.AtomicInteger
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.filter
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.flowOn
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.flow.onEach
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList

private fun numbers(n: Int): Flow<Example> = generatedSource(n.toLong(), seed = 0) { _, i -> Example.of("i" to i) }

private suspend fun Flow<Example>.indices(): List<Int> = map { it["i"].toInt() }.toList()

class StagesSpec : FunSpec({

    test("map and filter are Flow's own; select keeps the named columns in order") {
        val rows = csvSource(SAMPLES.resolve("advertising.csv"))
            .filter { it["TV"] > 200 }
            .map { it.with("TV", it["TV"] / 100) }
            .select("Sales", "TV")
            .toList()

        rows.size shouldBe 67
        rows[0].columns.toList() shouldBe listOf("Sales", "TV")
        rows[0]["TV"] shouldBe 2.301
    }

    test("shuffle is a permutation, reproducible by seed, different every epoch") {
        val data = numbers(1000)
        val order = data.shuffle(1000, seed = 5).indices()

        order.sorted() shouldBe (0 until 1000).toList()
        order shouldNotBe (0 until 1000).toList()
        data.shuffle(1000, seed = 5).indices() shouldBe order
        data.shuffle(1000, seed = 6).indices() shouldNotBe order
        data.shuffle(1000, seed = 5).flowOn(Epoch(1)).toList().map { it["i"].toInt() } shouldNotBe order
    }

    test("a shuffle buffer bounds memory: an item leaves at most one buffer's length early") {
        val order = numbers(500).shuffle(10, seed = 1).indices()

        order.sorted() shouldBe (0 until 500).toList()
        order.withIndex().forEach { (position, index) -> (index - position) shouldBeLessThan 10 }
    }

    test("batch groups items, the last batch short unless dropped") {
        numbers(10).batch(4).toList().map { it.size } shouldContainExactly listOf(4, 4, 2)
        numbers(10).batch(4, dropLast = true).toList().map { it.size } shouldContainExactly listOf(4, 4)
    }

    test("batch with features makes named input and target tensors") {
        val single = csvSource(SAMPLES.resolve("advertising.csv"))
            .batch(32, features(listOf("TV", "Radio", "Newspaper"), "Sales"))
            .toList()
        single.size shouldBe 7
        single[0].inputs().getValue("input").shape().toList() shouldBe listOf(32, 3)
        single[0].targets().getValue("target").shape().toList() shouldBe listOf(32, 1)
        single.last().rows() shouldBe 8
        single[0].inputs().getValue("input").toFloatMatrix()[0].toList() shouldBe listOf(230.1f, 37.8f, 69.2f)

        val named = csvSource(SAMPLES.resolve("ccpp.csv")).take(10)
            .batch(10, features { input("x", "AT", "AP", "RH"); target("pe", "PE"); target("v", "V") })
            .toList().single()
        named.inputs().keys shouldBe setOf("x")
        named.targets().keys shouldBe setOf("pe", "v")
        named.targets().getValue("v").toFloatArray()[0] shouldBe 40.77f
    }

    test("vector columns (images, one-hot labels) become as many features") {
        val batch = mnistSource(SAMPLES.resolve("mnist"), train = false).take(5)
            .preprocess(preprocessing { toCategorical(LABEL_COLUMN, 10) }.fit(mnistSource(SAMPLES.resolve("mnist"), train = false).take(5)))
            .batch(5, features(listOf(IMAGE_COLUMN), LABEL_COLUMN))
            .toList().single()

        batch.inputs().getValue("input").shape().toList() shouldBe listOf(5, 784)
        batch.targets().getValue("target").toFloatMatrix()[0].toList() shouldBe List(10) { if (it == 7) 1f else 0f }
    }

    test("repeat runs the upstream again as further epochs, reshuffled") {
        val repeated = numbers(5).shuffle(5, seed = 2).repeat(3).indices()

        repeated.size shouldBe 15
        repeated.chunked(5).forEach { it.sorted() shouldBe (0 until 5).toList() }
        repeated.chunked(5).distinct().size shouldBe 3
    }

    test("prefetch produces on a background thread, at most its capacity ahead of a slow consumer") {
        val produced = AtomicInteger()
        val threads = mutableSetOf<String>()
        val endless = flow {
            var i = 0
            while (true) {
                threads += Thread.currentThread().name
                produced.incrementAndGet()
                emit(i++)
            }
        }

        val taken = endless.prefetch(capacity = 4).onEach { delay(20) }.take(5).toList()

        taken shouldBe listOf(0, 1, 2, 3, 4)
        threads.forEach { it shouldContain "DefaultDispatcher" } // the IO dispatcher's threads, not the test's
        produced.get() shouldBeLessThanOrEqual 5 + 4 + 2
    }

    test("an unknown column in select names the row's file and line") {
        val file = tempFile("two.csv", "a,b\n1,2\n")
        val e = shouldThrow<DataFormatException> { csvSource(file).select("a", "c").toList() }

        e.message shouldBe "$file:2: unknown column 'c'; the row has ['a', 'b']"
        e.line() shouldBe 2
    }

    test("an example refuses to hand out a missing number, naming where it is") {
        val file = tempFile("gap.csv", "a,b\n1,\n")
        val row = csvSource(file, dev.strata.data.CsvOptions.defaults().withMissing(dev.strata.data.MissingValues.keep())).toList().single()

        row.isMissing("b") shouldBe true
        shouldThrow<DataFormatException> { row["b"] }.message shouldStartWith "$file:2:2 (column 'b'): missing value"
    }
})
