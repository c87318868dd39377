package dev.strata.viz.cnn

import dev.strata.inspect.cnn.Heatmap
import dev.strata.inspect.cnn.MapStack
import dev.strata.ops.Tensor
import dev.strata.viz.Fixtures
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.ints.shouldBeGreaterThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import java.nio.file.Files

class CnnPicturesSpec : FunSpec({
    // A "digit": a bright 8x8 square on black; a heatmap rising from left (0) to right (1).
    val digit = Tensor.of(DoubleArray(28 * 28) { p -> if (p / 28 in 10..17 && p % 28 in 10..17) 1.0 else 0.0 }, 28, 28, 1)
    val ramp = Heatmap(28, 28, DoubleArray(28 * 28) { p -> (p % 28) / 27.0 })

    test("colormaps: jet runs dark blue to dark red, viridis purple to yellow") {
        Colormap.JET.rgb(0.0) shouldBe 0x00007F
        Colormap.JET.rgb(1.0) shouldBe 0x7F0000
        Colormap.JET.rgb(0.5) shouldBe 0x7FFF7F
        Colormap.VIRIDIS.rgb(0.0) shouldBe 0x440154
        Colormap.VIRIDIS.rgb(1.0) shouldBe 0xFDE725
        Colormap.named("Viridis") shouldBe Colormap.VIRIDIS
        shouldThrow<IllegalArgumentException> { Colormap.named("hot") }.message shouldContain "'hot'"
    }

    test("a 10-class heatmap grid: 5 x 2 cells of 168 px, both ends of the colormap, the digit under the overlay") {
        for (cmap in listOf(Colormap.JET, Colormap.VIRIDIS)) {
            val path = Fixtures.out.resolve("cnn_grid_${cmap.name.lowercase()}.png")
            CnnPictures.heatmapGrid(path, List(10) { digit }, List(10) { ramp }, (0..9).map { "class $it" }, "Grad-CAM", cmap, alpha = 1.0)
            val img = Fixtures.png(path)
            img.width shouldBe 8 + 5 * (168 + 8)
            img.height shouldBe 18 + 8 + 2 * (168 + 18 + 8)
            Fixtures.count(img, cmap.rgb(0.0), tol = 10) shouldBeGreaterThan 10 * 168 * 4
            Fixtures.count(img, cmap.rgb(1.0), tol = 10) shouldBeGreaterThan 10 * 168 * 4
        }
        // Half opacity over the digit: the square shows brighter than the black around it, at the same heatmap column.
        val half = Fixtures.out.resolve("cnn_overlay.png")
        val over = CnnPictures.overlay(digit, ramp, Colormap.JET, 0.5)
        over.width shouldBe 28
        val inside = over.getRGB(12, 12) and 0xFF
        val outside = over.getRGB(12, 2) and 0xFF
        inside shouldBeGreaterThan outside + 100
        CnnPictures.heatmapGrid(half, listOf(digit), listOf(ramp), listOf("7"), "saliency")
        (Fixtures.inked(Fixtures.png(half)) > 0.5) shouldBe true
    }

    test("filter and feature-map grids: one cell per map, each scaled to its own range; SVG keeps the title as text") {
        val maps = MapStack(3, 3, 8, DoubleArray(72) { i -> if ((i / 8) == (i % 8) % 9) 1.0 else (i % 5) * 0.1 })
        val path = Fixtures.out.resolve("cnn_filters.png")
        CnnPictures.mapGrid(path, maps, "conv_1 filters", Colormap.GRAY)
        val img = Fixtures.png(path)
        val cell = 3 * 28 // 84 px for 3x3 maps
        img.width shouldBe 8 + 3 * (cell + 8)
        img.height shouldBe 18 + 8 + 3 * (cell + 18 + 8)
        Fixtures.count(img, 0xFFFFFF, tol = 2, y0 = 26 + 18, y1 = 26 + 18 + cell) shouldBeGreaterThan 28 * 28
        Fixtures.count(img, 0x000000, tol = 2, y0 = 26 + 18, y1 = 26 + 18 + cell) shouldBeGreaterThan 28 * 28
        val svg = Fixtures.out.resolve("cnn_filters.svg")
        CnnPictures.mapGrid(svg, maps, "conv_1 filters")
        val text = Files.readString(svg)
        text shouldContain "conv_1 filters"
        text shouldContain "<image"
    }

    test("bad requests name the sizes") {
        shouldThrow<IllegalArgumentException> { CnnPictures.overlay(digit, Heatmap(7, 7, DoubleArray(49)), Colormap.JET, 0.5) }
            .message shouldContain "7x7"
        shouldThrow<IllegalArgumentException> { CnnPictures.heatmapGrid(Fixtures.out.resolve("x.png"), listOf(digit), listOf(), listOf("a"), "t") }
            .message shouldContain "0 maps"
    }
})
