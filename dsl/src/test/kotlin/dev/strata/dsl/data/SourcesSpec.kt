package dev.strata.dsl.data

import dev.strata.data.CsvOptions
import dev.strata.data.CsvReader
import dev.strata.data.MissingValues
import dev.strata.data.RowSource
import dev.strata.data.Table
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeSorted
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.doubles.shouldBeBetween
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import io.kotest.matchers.string.shouldContain
import java.nio.file.Files
import kotlin.math.sqrt
import kotlinx.coroutines.flow.count
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.flow.flowOn
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList

class SourcesSpec : FunSpec({

    test("csvSource streams every row of a file with its line") {
        val file = SAMPLES.resolve("ccpp.csv")
        val rows = csvSource(file).toList()

        rows.size shouldBe 9568
        rows[0].columns shouldBe setOf("AT", "V", "AP", "RH", "PE")
        rows[0]["AT"] shouldBe 8.34
        rows[0].source shouldBe RowSource(file.toString(), 2)
        rows.last().source.line() shouldBe 9569
    }

    test("csvSource reads the same numbers as CsvReader (trimmed cells, quoted headers)") {
        for (name in listOf("concrete.csv", "advertising.csv")) {
            val file = SAMPLES.resolve(name)
            val table = CsvReader.read(file)
            val streamed = csvSource(file).toList()

            streamed.size shouldBe table.rows()
            for (column in table.columnNames()) {
                streamed.map { it[column] } shouldBe table.column(column).toList()
            }
        }
    }

    test("csvSource keeps text columns as text and, when asked, missing cells as NaN") {
        val options = CsvOptions.defaults().withText("station", "Date").withMissing(MissingValues.keep())
        val rows = csvSource(SAMPLES.resolve("bias_correction_ucl.csv"), options).toList()

        rows.size shouldBe 7752
        rows[0].text("Date") shouldBe "2013-06-30"
        rows.count { it.isMissing("Next_Tmax") } shouldBe 27
        rows.takeLast(2).map { it.text("station") } shouldBe listOf("", "")
    }

    test("mnistSource gives the test digits as 784-float images in [0, 1] and labels") {
        val digits = mnistSource(SAMPLES.resolve("mnist"), train = false)
        val first = digits.take(3).toList()

        first.map { it[LABEL_COLUMN] } shouldBe listOf(7.0, 2.0, 1.0)
        first[0].vector(IMAGE_COLUMN).size shouldBe 784
        first[0].vector(IMAGE_COLUMN).max() shouldBe 1.0f
        first[0].source.line() shouldBe 1
        digits.count() shouldBe 10_000
    }

    test("arraySource gives a row per index from numbers, vectors and text") {
        val rows = arraySource(
            "x" to arrayOf(floatArrayOf(1f, 2f), floatArrayOf(3f, 4f)),
            "y" to doubleArrayOf(0.5, 1.5),
            "k" to intArrayOf(7, 8),
            "name" to listOf("a", "b"),
        ).toList()

        rows.size shouldBe 2
        rows[1].vector("x").toList() shouldBe listOf(3f, 4f)
        rows[1]["y"] shouldBe 1.5
        rows[1]["k"] shouldBe 8.0
        rows[1].text("name") shouldBe "b"
        rows[1].source shouldBe RowSource("<memory>", 2)

        shouldThrow<IllegalArgumentException> { arraySource("a" to doubleArrayOf(1.0), "b" to doubleArrayOf(1.0, 2.0)) }
            .message shouldContain "differ in length"
    }

    test("tableSource streams a table's rows with their file lines, missing numbers as NaN") {
        val table = Table.builder().source("t.csv").numeric("a", doubleArrayOf(1.0, Double.NaN)).text("s", arrayOf("x", "y")).build()
        val rows = tableSource(table).toList()

        rows.map { it.source } shouldBe listOf(RowSource("t.csv", 1), RowSource("t.csv", 2))
        rows[0]["a"] shouldBe 1.0
        rows[1].isMissing("a") shouldBe true
        rows[1].text("s") shouldBe "y"
    }

    test("generatedSource gives the same rows on every collection, or fresh ones per epoch when asked") {
        val same = generatedSource(5, seed = 3) { random, i -> Example.of("i" to i, "r" to random.nextDouble()) }
        same.toList() shouldBe same.toList()
        same.first().source shouldBe RowSource("<generated>", 1)

        val fresh = generatedSource(5, seed = 3, freshEachEpoch = true) { random, _ -> Example.of("r" to random.nextDouble()) }
        val epoch0 = fresh.map { it["r"] }.toList()
        val epoch1 = fresh.map { it["r"] }.flowOn(Epoch(1)).toList()
        epoch0 shouldNotBe epoch1
        fresh.map { it["r"] }.toList() shouldBe epoch0
    }

    test("storms: four inputs, a date column in order and about 5 % positives (SPEC E2)") {
        val storms = Synthetic.storms().toList()

        storms.size shouldBe 20_000
        storms[0].columns shouldBe setOf("date") + Synthetic.STORM_INPUTS + "rotation"
        storms.map { it.text("date") }.shouldBeSorted()
        storms.first().text("date") shouldBe "2010-01-01"
        storms.last().text("date") shouldContain "2017-12-"
        storms.map { it["rotation"] }.average().shouldBeBetween(0.04, 0.06, 0.0)
        Synthetic.storms().toList() shouldBe storms
    }

    test("blobs: 400 2-D points, class 1 around -1 and 1, class 0 around 0, sd 0.5 (SPEC E3)") {
        val points = Synthetic.blobs().toList()

        points.size shouldBe 400
        points.count { it["label"] == 1.0 } shouldBe 200
        fun stats(rows: List<Example>): Pair<Double, Double> {
            val xs = rows.flatMap { listOf(it["x1"], it["x2"]) }
            val mean = xs.average()
            return mean to sqrt(xs.sumOf { (it - mean) * (it - mean) } / xs.size)
        }
        val (low, lowSd) = stats(points.subList(0, 100))
        val (high, _) = stats(points.subList(100, 200))
        val (middle, middleSd) = stats(points.subList(200, 400))
        low shouldBe (-1.0 plusOrMinus 0.1)
        high shouldBe (1.0 plusOrMinus 0.1)
        middle shouldBe (0.0 plusOrMinus 0.1)
        lowSd shouldBe (0.5 plusOrMinus 0.08)
        middleSd shouldBe (0.5 plusOrMinus 0.08)
    }

    test("directorySource reads matching files in name order and refuses an empty match") {
        val dir = Files.createTempDirectory("strata-dir-spec")
        Files.writeString(dir.resolve("b.csv"), "x\n3\n4\n")
        Files.writeString(dir.resolve("a.csv"), "x\n1\n2\n")
        Files.writeString(dir.resolve("notes.txt"), "not data")

        val rows = directorySource(dir).toList()
        rows.map { it["x"] } shouldBe listOf(1.0, 2.0, 3.0, 4.0)
        rows[2].source shouldBe RowSource(dir.resolve("b.csv").toString(), 2)

        shouldThrow<IllegalArgumentException> { directorySource(dir, "*.tsv").toList() }.message shouldContain "no file matching '*.tsv'"
        dir.toFile().deleteRecursively()
    }
})
