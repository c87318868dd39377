package dev.strata.viz

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.doubles.shouldBeGreaterThan
import io.kotest.matchers.ints.shouldBeGreaterThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import java.nio.file.Files

class CurvesAndDiagramSpec : FunSpec({
    val model = Fixtures.twoOutput()
    Fixtures.compileTwoOutput(model)
    val (x, y) = Fixtures.twoOutputData(400)
    val live = Fixtures.out.resolve("live.png")
    Files.deleteIfExists(live)
    val history = model.fit(x, y, Fixtures.fitOptions(6, Plots.livePlot(live)))

    test("curve panels: loss first, one row per output, train and validation in each") {
        TrainingCurves.layout(history.values().keys) shouldContainExactly listOf(
            listOf("loss"), listOf("pe_loss", "pe_mae"), listOf("v_loss", "v_mae"))
    }

    test("history.plot draws a PNG a row per output with both line colours") {
        val path = Fixtures.out.resolve("curves.png")
        history.plot(path)
        val img = Fixtures.png(path)
        img.width shouldBe 760
        img.height shouldBe 840
        Fixtures.inked(img) shouldBeGreaterThan 0.02
        Fixtures.count(img, 0x1f77b4) shouldBeGreaterThan 200
        Fixtures.count(img, 0xff7f0e) shouldBeGreaterThan 200
    }

    test("history as SVG names every panel's metric") {
        val svg = Plots.historySvg(history)
        for (m in listOf("pe_loss", "pe_mae", "v_loss", "v_mae", "validation")) svg shouldContain m
    }

    test("livePlot rewrote the picture after the last epoch") {
        val img = Fixtures.png(live)
        img.height shouldBe 840
        Fixtures.count(img, 0xff7f0e) shouldBeGreaterThan 200
    }

    test("a picture with an unknown extension is refused naming the choices") {
        val e = shouldThrow<IllegalArgumentException> { history.plot(Fixtures.out.resolve("curves.jpg")) }
        e.message shouldContain ".png"
        e.message shouldContain ".jpg"
    }

    test("the model diagram names every layer, both outputs, shapes and parameter counts") {
        val path = Fixtures.out.resolve("model.svg")
        plotModel(model, path)
        val svg = Files.readString(path)
        for (n in listOf("hidden_1", "hidden_2", "merge", "pe_out", "branch", "v_out", "InputLayer", "Dense", "Concatenate"))
            svg shouldContain ">$n<"
        svg shouldContain "output \"pe\""
        svg shouldContain "output \"v\""
        svg shouldContain "output: (None, 16)"
        svg shouldContain "params: 72"   // hidden_2: 8·8 + 8
        svg shouldContain "params: 17"   // pe_out on the 16-wide merge
    }

    test("the model diagram as PNG is laid out without overlapping boxes") {
        val path = Fixtures.out.resolve("model.png")
        plotModel(model, path)
        val img = Fixtures.png(path)
        img.height shouldBeGreaterThan 300
        Fixtures.inked(img) shouldBeGreaterThan 0.05
    }
})
