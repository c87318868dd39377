package dev.strata.viz

import dev.strata.activations.Activation
import dev.strata.inspect.Attribution
import dev.strata.layers.Dense
import dev.strata.losses.Loss
import dev.strata.model.Sequential
import dev.strata.ops.DType
import dev.strata.ops.Tensor
import dev.strata.optimizers.Optimizer
import dev.strata.training.CompileOptions
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.ints.shouldBeGreaterThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import io.kotest.matchers.string.shouldContain

class NeuronsAndAttributionsSpec : FunSpec({
    test("drawNeurons: a circle per unit coloured by activation, weights of both signs drawn") {
        val m = Fixtures.small()
        val path = Fixtures.out.resolve("neurons.png")
        drawNeurons(m, Tensor.of(floatArrayOf(2f, -2f), 1, 2), path.toString())
        val img = Fixtures.png(path)
        img.width shouldBe maxOf(80 + 190 * 2 + 80, Drawing.textWidth("circles: activation (blue < 0 < red); lines: weights (red +, blue −), darker = larger") + 24)
        // Input 1 is +2 (full red), input 2 is −2 (full blue): both colours fill circles.
        Fixtures.count(img, 0xD62728, tol = 12) shouldBeGreaterThan 300
        Fixtures.count(img, 0x1F77B4, tol = 12) shouldBeGreaterThan 300
    }

    test("drawGradients colours connections by dLoss/dw: a different picture from the weights") {
        val m = Fixtures.small()
        m.compile(CompileOptions.builder().optimizer(Optimizer.Adam(0.01)).loss(Loss.named("binary_crossentropy")).build())
        val x = Tensor.of(floatArrayOf(1f, -2f), 1, 2)
        val w = Fixtures.out.resolve("neurons_w.png")
        val g = Fixtures.out.resolve("grads.png")
        Plots.neurons(m, x, w)
        drawGradients(m, x, Tensor.of(floatArrayOf(1f), 1, 1), g.toString())
        val a = Fixtures.png(w)
        val b = Fixtures.png(g)
        a.height shouldBe b.height   // widths follow the legend's text, which names weights or dLoss/dw
        var differing = 0
        for (yy in 0 until a.height - 30) for (xx in 0 until minOf(a.width, b.width)) if (a.getRGB(xx, yy) != b.getRGB(xx, yy)) differing++
        differing shouldBeGreaterThan 500
    }

    test("drawNeurons refuses layers wider than 64 units, naming the layer") {
        val wide = Sequential(3).name("wide").add(Dense.of("big", 65, Activation.RELU)).add(Dense.of("o", 1, Activation.LINEAR)).build(1, DType.FLOAT32)
        val e = shouldThrow<IllegalArgumentException> { Plots.neurons(wide, Tensor.of(floatArrayOf(1f, 2f, 3f), 1, 3), Fixtures.out.resolve("x.png")) }
        e.message shouldContain "'big' has 65"
        e.message shouldContain "64"
    }

    test("attribution bars: sorted by magnitude, lengths proportional to the contributions, signs coloured") {
        val a = Attribution(doubleArrayOf(0.05, -0.30, 0.20, -0.10), 0.40, 0.25)
        val names = listOf("age", "income", "debt", "tenure")
        val svg = Plots.attributionsSvg(a, names)
        java.nio.file.Files.writeString(Fixtures.out.resolve("shap.svg"), svg)
        svg shouldContain "base value 0.4000 → prediction 0.2500"
        // Every bar is labelled with its value (the short ones just past their end).
        for (label in listOf("-0.3000", "+0.2000", "-0.1000", "+0.0500"))
            Regex(">\\s*${Regex.escape(label)}\\s*<").containsMatchIn(svg) shouldBe true
        // Feature labels from top to bottom: the SVG lists the axis labels bottom-up after coord_flip.
        val order = names.sortedBy { n -> Regex(">\\s*$n\\s*<").find(svg)!!.range.first }
        order shouldContainExactly listOf("age", "tenure", "debt", "income")   // bottom (smallest) to top (largest)
        val bars = Regex("<rect[^>]*>").findAll(svg).map { it.value }
            .filter { (it.contains("fill=\"rgb(214,39,40)\"") || it.contains("fill=\"rgb(31,119,180)\"")) && it.contains("stroke=\"rgb(255,255,255)\"") }
            .mapNotNull { r -> Regex("width=\"([0-9.]+)\"").find(r)?.groupValues?.get(1)?.toDouble()?.let { w -> w to r.contains("rgb(214,39,40)") } }
            .filter { it.first > 1 }.toList()
            .let { all -> all.take(all.size - 2) }   // the last two are the legend's keys
        bars.size shouldBe 4
        val longest = bars.maxOf { it.first }
        bars.map { it.first / longest }.sorted().zip(listOf(0.05, 0.10, 0.20, 0.30).map { it / 0.30 }).forEach { (got, want) ->
            got shouldBe (want plusOrMinus 0.02)
        }
        bars.count { it.second } shouldBe 2
        val path = Fixtures.out.resolve("shap.png")
        plotAttributions(a, names, path.toString())
        val img = Fixtures.png(path)
        Fixtures.count(img, 0xd62728, tol = 10) shouldBeGreaterThan 500
        Fixtures.count(img, 0x1f77b4, tol = 10) shouldBeGreaterThan 500
    }

    test("attribution names must match the contributions") {
        val e = shouldThrow<IllegalArgumentException> { Plots.attributionsSvg(Attribution(doubleArrayOf(1.0, 2.0), 0.0, 3.0), listOf("a")) }
        e.message shouldContain "2 contributions but 1 feature names"
        e.message shouldNotBe null
    }
})
