package dev.strata.viz

import dev.strata.activations.Activation
import dev.strata.layers.ActivationLayer
import dev.strata.layers.Dense
import dev.strata.losses.Loss
import dev.strata.model.Sequential
import dev.strata.ops.DType
import dev.strata.ops.Tensor
import dev.strata.optimizers.Optimizer
import dev.strata.training.CompileOptions
import dev.strata.training.FitOptions
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.shouldBeGreaterThan
import io.kotest.matchers.ints.shouldBeGreaterThan
import io.kotest.matchers.ints.shouldBeLessThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import javax.imageio.ImageIO
import kotlin.math.abs
import kotlin.math.sin
import kotlin.random.Random

class FiguresSpec : FunSpec({
    test("activation functions and derivatives: two panels, a line colour per function") {
        val x = DoubleArray(41) { -2.0 + it * 0.1 }
        val values = linkedMapOf("tanh" to x.map { kotlin.math.tanh(it) }.toDoubleArray(), "relu" to x.map { maxOf(0.0, it) }.toDoubleArray())
        val grads = linkedMapOf("tanh" to x.map { 1 - kotlin.math.tanh(it).let { t -> t * t } }.toDoubleArray(), "relu" to x.map { if (it > 0) 1.0 else 0.0 }.toDoubleArray())
        val path = Fixtures.out.resolve("functions.png")
        plotFunctions(x, values, grads, path.toString())
        val img = Fixtures.png(path)
        img.width shouldBe 1000
        img.height shouldBe 420
        // Left panel (f) and right panel (f′) each hold both line colours.
        for ((x0, x1) in listOf(0 to 500, 500 to 1000)) {
            Fixtures.count(img, 0x1f77b4, tol = 20, x0 = x0, x1 = x1, y1 = 360) shouldBeGreaterThan 150
            Fixtures.count(img, 0xff7f0e, tol = 20, x0 = x0, x1 = x1, y1 = 360) shouldBeGreaterThan 150
        }
        val e = shouldThrow<IllegalArgumentException> { plotFunctions(x, values, mapOf("tanh" to DoubleArray(3)), path.toString()) }
        e.message shouldContain "derivatives of 'tanh' has 3 values for 41 x values"
    }

    test("curve fit: grey data points, the red fit, the dashed truth") {
        val r = Random(3)
        val xs = DoubleArray(300) { r.nextDouble(-1.0, 2.0) }
        val ys = DoubleArray(300) { xs[it] * sin(10 * Math.PI * xs[it]) + 2 + 0.05 * r.nextDouble() }
        val grid = DoubleArray(500) { -1.0 + 3.0 * it / 499 }
        val truth = grid.map { it * sin(10 * Math.PI * it) + 2 }.toDoubleArray()
        val fitted = truth.map { it + 0.1 }.toDoubleArray()
        val svg = Fixtures.out.resolve("fit.svg")
        Plots.fit(xs, ys, grid, fitted, svg, truth, "fit")
        val text = java.nio.file.Files.readString(svg)
        text shouldContain "stroke-dasharray"
        Regex(">\\s*true curve\\s*<").containsMatchIn(text) shouldBe true   // the legend names the dashed line
        val png = Fixtures.out.resolve("fit.png")
        plotFit(xs, ys, grid, fitted, png.toString(), truth)
        val img = Fixtures.png(png)
        img.width shouldBe 900
        img.height shouldBe 480
        Fixtures.count(img, 0xd62728, tol = 25) shouldBeGreaterThan 800
        Fixtures.count(img, 0x7f7f7f, tol = 40) shouldBeGreaterThan 300
    }

    test("weight trajectories: a panel per layer, a line per weight, thinned long runs") {
        val batches = 1000
        val hidden = List(batches) { b -> DoubleArray(6) { w -> (w - 3) * 0.1 + b * 0.0005 * (if (w % 2 == 0) 1 else -1) } }
        val out = List(batches) { b -> DoubleArray(3) { w -> 0.2 * w - b * 0.0002 } }
        val path = Fixtures.out.resolve("weights.png")
        plotWeightTrajectories(linkedMapOf("hidden" to hidden, "out" to out), path.toString(), batchesPerEpoch = 250)
        val img = Fixtures.png(path)
        img.width shouldBe 920
        img.height shouldBe 360
        Fixtures.inked(img) shouldBeGreaterThan 0.03
        // Weight w0 (blue) has a line in both panels; w5 (brown) only in the 6-weight one.
        Fixtures.count(img, 0x1f77b4, tol = 25, x1 = 460) shouldBeGreaterThan 150
        Fixtures.count(img, 0x1f77b4, tol = 25, x0 = 460) shouldBeGreaterThan 150
        Fixtures.count(img, 0x8c564b, tol = 20, x1 = 460) shouldBeGreaterThan 150
        Fixtures.count(img, 0x8c564b, tol = 20, x0 = 460) shouldBeLessThan 20
        val svg = Fixtures.out.resolve("weights.svg")
        Plots.weightTrajectories(mapOf("hidden" to hidden), svg, 250)
        val text = java.nio.file.Files.readString(svg)
        text shouldContain "hidden (6 weights)"
        val e = shouldThrow<IllegalArgumentException> { Plots.weightTrajectories(mapOf("h" to listOf(DoubleArray(2), DoubleArray(3))), svg) }
        e.message shouldContain "layer 'h' snapshot 1 has 3 weights, the first had 2"
    }

    test("E3 frames: both class colours in the input panel; the probability grid moves between first and last frame") {
        val r = java.util.Random(1)
        val n = 200
        val pts = FloatArray(2 * n); val lab = FloatArray(n)
        for (i in 0 until n) {
            val middle = i % 2 == 0
            val m = if (middle) 0.0 else if (i % 4 == 1) -1.0 else 1.0
            pts[2 * i] = (m + 0.5 * r.nextGaussian()).toFloat(); pts[2 * i + 1] = (m + 0.5 * r.nextGaussian()).toFloat()
            lab[i] = if (middle) 1f else 0f
        }
        val x = Tensor.of(pts, n, 2); val y = Tensor.of(lab, n, 1)
        val model = Sequential(2).name("e3").add(Dense.of("hidden_1", 2, Activation.LINEAR)).add(ActivationLayer("activation_1", Activation.TANH))
            .add(Dense.of("out", 1, Activation.SIGMOID)).build(1, DType.FLOAT32)
        model.compile(CompileOptions.builder().optimizer(Optimizer.Adam(0.1)).loss(Loss.named("binary_crossentropy")).build())
        val drawer = DecisionBoundaries(model, x, y, listOf("hidden_1", "activation_1"))
        val opts = FitOptions.builder().epochs(1).batchSize(32).verbose(0).build()
        model.fit(x, y, opts)
        val firstP = drawer.probabilities()
        val first = drawer.frame("epoch 1")
        model.fit(x, y, FitOptions.builder().epochs(15).batchSize(32).verbose(0).build())
        val lastP = drawer.probabilities()
        val last = drawer.frame("epoch 16")
        ImageIO.write(first, "png", Fixtures.out.resolve("e3_first.png").toFile())
        ImageIO.write(last, "png", Fixtures.out.resolve("e3_last.png").toFile())
        first.width shouldBe 3 * 360 + 4 * 20
        val p = drawer.inputPanel()
        for (img in listOf(first, last)) {
            Fixtures.count(img, DecisionBoundaries.CLASS_0.rgb and 0xFFFFFF, tol = 12, x0 = p.x, x1 = p.x + p.width, y0 = p.y, y1 = p.y + p.height) shouldBeGreaterThan 300
            Fixtures.count(img, DecisionBoundaries.CLASS_1.rgb and 0xFFFFFF, tol = 12, x0 = p.x, x1 = p.x + p.width, y0 = p.y, y1 = p.y + p.height) shouldBeGreaterThan 300
        }
        firstP.size shouldBe 200 * 200
        firstP.indices.maxOf { abs(firstP[it] - lastP[it]) } shouldBeGreaterThan 0.2
        // …and so do the raster's pixels in the input panel.
        var changed = 0
        for (yy in p.y + 1 until p.y + p.height) for (xx in p.x + 1 until p.x + p.width) if (first.getRGB(xx, yy) != last.getRGB(xx, yy)) changed++
        changed shouldBeGreaterThan p.width * p.height / 10
    }
})
