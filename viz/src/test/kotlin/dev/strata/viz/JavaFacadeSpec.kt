package dev.strata.viz

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.shouldBeGreaterThan
import io.kotest.matchers.ints.shouldBeGreaterThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import java.nio.file.Files
import javax.imageio.ImageIO

/** The pictures [JavaFacade] (Java source) drew through [Plots]: each file's type, size and content. */
class JavaFacadeSpec : FunSpec({
    val dir = Fixtures.out.resolve("java").also { Files.createDirectories(it) }
    val svgs = JavaFacade.drawAll(dir)

    test("every PNG is an image of the expected size with ink on it") {
        val sizes = mapOf(
            "java_curves.png" to (380 to 280), "java_live.png" to (380 to 280),        // loss only (no metrics), train + validation
            "java_weights.png" to (460 to 360), "java_weights_plain.png" to (460 to 360),
            "java_functions.png" to (1000 to 420), "java_function.png" to (520 to 420),
            "java_fit.png" to (900 to 480), "java_fit_truth.png" to (900 to 480),
            "java_shap.png" to (640 to 120 + 34 * 2), "java_shap_titled.png" to (640 to 120 + 34 * 2),
            "java_boundaries.png" to (3 * 360 + 4 * 20 to 360 + 60 + 40),
        )
        for ((name, size) in sizes) {
            val img = Fixtures.png(dir.resolve(name))
            (name to img.width) shouldBe (name to size.first)
            (name to img.height) shouldBe (name to size.second)
            Fixtures.inked(img) shouldBeGreaterThan 0.01
        }
        for (name in listOf("java_model.png", "java_neurons.png", "java_gradients.png")) {
            val img = Fixtures.png(dir.resolve(name))
            img.height shouldBeGreaterThan 200
            Fixtures.inked(img) shouldBeGreaterThan 0.02
        }
    }

    test("GIFs hold a frame per epoch (callback) or per add (AnimatedGif)") {
        fun frames(name: String): Int {
            val reader = ImageIO.getImageReadersByFormatName("gif").next()
            ImageIO.createImageInputStream(dir.resolve(name).toFile()).use { reader.input = it; return reader.getNumImages(true) }
        }
        frames("java_boundaries.gif") shouldBe 3
        frames("java_frames.gif") shouldBe 2
        val first = ImageIO.read(dir.resolve("java_frames.gif").toFile())
        first.width shouldBe 2 * 200 + 3 * 20   // input panel and one layer, 200 px each
    }

    test("SVG texts and the HTML report name what they show") {
        svgs.getValue("model") shouldContain ">hidden_1<"
        svgs.getValue("model") shouldContain "output: (None, 2)"
        Files.readString(dir.resolve("java_model_noshapes.svg")) shouldNotContain "output: (None"
        svgs.getValue("history") shouldContain "validation"
        svgs.getValue("attributions") shouldContain "base value 0.5000 → prediction 0.7000"
        val html = Files.readString(dir.resolve("java_report.html"))
        html shouldContain "finished after 3 epochs"
        html shouldContain "<td>activation_1 (Activation)</td>"
    }
})
