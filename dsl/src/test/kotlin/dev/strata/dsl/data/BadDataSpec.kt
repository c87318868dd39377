package dev.strata.dsl.data

import dev.strata.data.CsvOptions
import dev.strata.data.DataFormatException
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import java.nio.ByteBuffer
import java.nio.file.Files
import kotlinx.coroutines.flow.toList

class BadDataSpec : FunSpec({

    test("a non-numeric cell names file, line and column, and the rows before it were read") {
        val file = tempFile("bad.csv", "a,b\n1,2\n3,x\n5,6\n")
        val seen = mutableListOf<Double>()
        val e = shouldThrow<DataFormatException> { csvSource(file).collect { seen += it["a"] } }

        e.message shouldBe "$file:3:2 (column 'b'): expected a number, got 'x'"
        listOf(e.file(), e.line(), e.column(), e.columnName()) shouldBe listOf(file.toString(), 3L, 2, "b")
        seen shouldBe listOf(1.0)
    }

    test("numbers in another notation are not coerced") {
        for (cell in listOf("1.5f", "0x1A", "Infinity", "1,5")) {
            val file = tempFile("odd.csv", "a\n\"$cell\"\n")
            shouldThrow<DataFormatException> { csvSource(file).toList() }.message shouldBe
                "$file:2:1 (column 'a'): expected a number, got '$cell'"
        }
    }

    test("a row with the wrong number of cells names its line") {
        val file = tempFile("short.csv", "a,b,c\n1,2,3\n\n4,5\n")
        shouldThrow<DataFormatException> { csvSource(file).toList() }.message shouldBe
            "$file:4: expected 3 columns (as in the header), got 2"
    }

    test("a missing cell is an error by default, naming how it was spelled") {
        val file = tempFile("gap.csv", "a,b\n1,2\n3,NA\n")
        shouldThrow<DataFormatException> { csvSource(file).toList() }.message shouldBe
            "$file:3:2 (column 'b'): missing value 'NA'; choose a MissingValues policy (keep, dropRows, fillConstant)"
    }

    test("an unknown column name is an error wherever it is named") {
        val file = tempFile("cols.csv", "a,b\n1,2\n")

        shouldThrow<DataFormatException> { csvSource(file, CsvOptions.defaults().withColumns("a", "c")).toList() }
            .message shouldBe "$file:1: unknown column 'c'; the header has ['a', 'b']"
        shouldThrow<DataFormatException> { csvSource(file).select("c").toList() }
            .message shouldBe "$file:2: unknown column 'c'; the row has ['a', 'b']"
        shouldThrow<DataFormatException> { csvSource(file).batch(8, features(listOf("a", "c"), "b")).toList() }
            .message shouldBe "$file:2: no column 'c'; the row has ['a', 'b']"
        shouldThrow<DataFormatException> { preprocessing { standardize("c") }.fit(csvSource(file)) }
            .message shouldBe "$file:2: no column 'c' to fit preprocessing on; the row has ['a', 'b']"
    }

    test("text cannot become a feature without an encoding") {
        val file = tempFile("text.csv", "a,s\n1,x\n")
        shouldThrow<DataFormatException> {
            csvSource(file, CsvOptions.defaults().withText("s")).batch(8, features(listOf("a", "s"), "a")).toList()
        }.message shouldBe "$file:2 (column 's'): text cannot be a feature; encode it first (Preprocessing oneHot)"
    }

    test("a truncated IDX file names the file and the first missing record") {
        val dir = Files.createTempDirectory("strata-idx-spec")
        val images = dir.resolve("images.idx")
        val labels = dir.resolve("labels.idx")
        // Three 2x2 images promised, two and a half given.
        Files.write(images, ByteBuffer.allocate(16 + 10).putInt(2051).putInt(3).putInt(2).putInt(2).array())
        Files.write(labels, ByteBuffer.allocate(8 + 3).putInt(2049).putInt(3).put(byteArrayOf(1, 2, 3)).array())

        shouldThrow<DataFormatException> { idxSource(images, labels).toList() }.message shouldBe
            "$images: truncated: expected 28 bytes (16-byte header + 3 images of 4 bytes), got 26; image 2 (0-based) and after are missing"

        Files.write(images, ByteBuffer.allocate(16 + 8).putInt(2051).putInt(2).putInt(2).putInt(2).array())
        shouldThrow<DataFormatException> { idxSource(images, labels).toList() }.message shouldBe
            "$labels: 3 labels for the 2 images of $images"
        dir.toFile().deleteRecursively()
    }

    test("bad data deep in a file stops training with the same error, and the file is closed") {
        val good = (1..300).joinToString("\n") { "$it,${2 * it}" }
        val file = tempFile("late.csv", "x,y\n$good\n301,oops\n")
        val model = linearModel(1)

        val e = shouldThrow<DataFormatException> {
            model.fit(csvSource(file).batch(16, features(listOf("x"), "y")), epochs = 1, verbose = 0)
        }
        e.message shouldBe "$file:302:2 (column 'y'): expected a number, got 'oops'"
        openHandles(file) shouldBe 0
        e.message shouldContain "302"
    }
})
