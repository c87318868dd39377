package dev.strata.dsl.data

import dev.strata.data.Split
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeSorted
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import java.util.concurrent.atomic.AtomicInteger
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.flow.toList

private fun numbers(n: Int): Flow<Example> = generatedSource(n.toLong(), seed = 0) { _, i -> Example.of("i" to i) }

private suspend fun Flow<Example>.indices(): List<Int> = map { it["i"].toInt() }.toList()

class SplitSpec : FunSpec({

    test("a fraction split takes exactly the rows Split.byFraction takes, in source order") {
        val (train, test) = numbers(100).split(0.8, seed = 1)
        val expected = Split.byFraction(100, 0.8, 1)

        val trainRows = train.indices()
        trainRows shouldBe expected.train().sorted()
        test.indices() shouldBe expected.test().sorted()
        trainRows.shouldBeSorted()
        numbers(100).split(0.8, seed = 2).train.indices() shouldBe Split.byFraction(100, 0.8, 2).train().sorted()
    }

    test("a three-way split is disjoint, covers every row and has the asked sizes") {
        val (train, validation, test) = numbers(200).split(train = 0.7, validation = 0.15, seed = 3)
        val parts = listOf(train.indices(), validation.indices(), test.indices())

        parts.map { it.size } shouldBe listOf(140, 30, 30)
        parts.flatten().sorted() shouldBe (0 until 200).toList()
    }

    test("the source is counted once however often the sides are read") {
        val collections = AtomicInteger()
        val counted = flow {
            collections.incrementAndGet()
            for (i in 0 until 10) emit(Example.of("i" to i))
        }
        val (train, test) = counted.split(0.5, seed = 0)
        repeat(3) { train.indices(); test.indices() }

        collections.get() shouldBe 1 + 6
    }

    test("a split by date sends earlier rows to training, later rows to test") {
        val (train, test) = Synthetic.storms(2_000).splitBy { it.text("date") < "2016-01-01" }
        val trainDates = train.map { it.text("date") }.toList()
        val testDates = test.map { it.text("date") }.toList()

        (trainDates.size + testDates.size) shouldBe 2_000
        trainDates.max() shouldBe trainDates.last()
        (trainDates.max() < "2016-01-01") shouldBe true
        (testDates.min() >= "2016-01-01") shouldBe true
    }

    test("a three-way split by rules: train, then validation among the rest, then test") {
        val (train, validation, test) = Synthetic.storms(2_000).splitBy(
            isTrain = { it.text("date") < "2016-01-01" },
            isValidation = { it.text("date") < "2017-01-01" },
        )
        val years = listOf(train, validation, test).map { part -> part.map { it.text("date").take(4) }.toList().toSet() }

        years[1] shouldBe setOf("2016")
        years[2] shouldBe setOf("2017")
        years[0].max() shouldBe "2015"
    }

    test("a source that gives other rows on a second read is an error, not a silently wrong split") {
        var size = 10
        val unstable = flow { for (i in 0 until size) emit(Example.of("i" to i)) }
        val (train, _) = unstable.split(0.5, seed = 0)
        train.indices()
        size = 12

        shouldThrow<IllegalStateException> { train.indices() }.message shouldContain "counted 10 rows but the source now gives more"
    }
})
