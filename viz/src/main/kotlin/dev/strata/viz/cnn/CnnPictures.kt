package dev.strata.viz.cnn

import dev.strata.inspect.cnn.Heatmap
import dev.strata.inspect.cnn.MapStack
import dev.strata.ops.Tensor
import dev.strata.viz.Drawing
import java.awt.Color
import java.awt.Graphics2D
import java.awt.RenderingHints
import java.awt.image.BufferedImage
import java.nio.file.Path
import kotlin.math.ceil
import kotlin.math.sqrt

/**
 * Pictures of CNN inspection: heatmaps overlaid on the image they explain, one grid cell per
 * image (the 10-class grids of saliency, Grad-CAM and occlusion), and grids of filters or feature
 * maps. PNG or SVG by the file's extension, written atomically. Grayscale images (one channel)
 * are drawn as they are fed, 0 black and 1 white; each heatmap is scaled to its own min..max.
 */
object CnnPictures {
    /** Screen pixels per image pixel. */
    private const val SCALE = 6
    private const val PAD = 8
    private const val TITLE = 18

    /**
     * One cell per image: [maps] over [images] in [colormap] with opacity [alpha] (1: the heatmap
     * alone), [titles] above each cell, [title] above the grid, [columns] cells a row.
     */
    @JvmStatic
    @JvmOverloads
    fun heatmapGrid(path: Path, images: List<Tensor>, maps: List<Heatmap>, titles: List<String>, title: String,
                    colormap: Colormap = Colormap.JET, alpha: Double = 0.5, columns: Int = 5) {
        require(images.size == maps.size && titles.size == maps.size) {
            "heatmap grid: ${images.size} images, ${maps.size} maps and ${titles.size} titles; expected one of each per cell"
        }
        val cells = images.indices.map { overlay(images[it], maps[it], colormap, alpha) }
        grid(path, cells, titles, title, columns)
    }

    /** Images alone (activation maximisation results, the digits themselves) as a grid, each scaled to its min..max when [normalize]. */
    @JvmStatic
    @JvmOverloads
    fun imageGrid(path: Path, images: List<Tensor>, titles: List<String>, title: String, columns: Int = 5, normalize: Boolean = false) {
        require(images.size == titles.size) { "image grid: ${images.size} images and ${titles.size} titles" }
        val cells = images.map { img ->
            val (h, w) = heightWidth(img)
            val m = Heatmap(h, w, gray(img))
            raster(if (normalize) m.normalized() else m, Colormap.GRAY)
        }
        grid(path, cells, titles, title, columns)
    }

    /** Every map of [stack] (filters of one input channel, or a layer's feature maps) in [colormap], each scaled to its own range. */
    @JvmStatic
    @JvmOverloads
    fun mapGrid(path: Path, stack: MapStack, title: String, colormap: Colormap = Colormap.VIRIDIS, columns: Int = ceil(sqrt(stack.count().toDouble())).toInt()) {
        val cells = (0 until stack.count()).map { raster(stack.map(it).normalized(), colormap) }
        grid(path, cells, (0 until stack.count()).map { "#$it" }, title, columns, scale = maxOf(2, 84 / maxOf(stack.height(), stack.width())))
    }

    /** [map] (already at the image's size) blended over the grayscale [image]: one picture at the image's own pixels. */
    @JvmStatic
    fun overlay(image: Tensor, map: Heatmap, colormap: Colormap, alpha: Double): BufferedImage {
        val (h, w) = heightWidth(image)
        require(map.height() == h && map.width() == w) {
            "overlay: heatmap of ${map.height()}x${map.width()} over an image of ${h}x$w; upsample the map to the image first"
        }
        val px = gray(image)
        val m = map.normalized()
        val out = BufferedImage(w, h, BufferedImage.TYPE_INT_RGB)
        for (y in 0 until h) for (x in 0 until w) {
            val base = (255 * px[y * w + x].coerceIn(0.0, 1.0)).toInt()
            val c = colormap.rgb(m.get(y, x))
            fun mix(shift: Int) = ((1 - alpha) * base + alpha * ((c shr shift) and 0xFF)).toInt().coerceIn(0, 255)
            out.setRGB(x, y, Colormap.pack(mix(16), mix(8), mix(0)))
        }
        return out
    }

    private fun raster(map: Heatmap, colormap: Colormap): BufferedImage {
        val out = BufferedImage(map.width(), map.height(), BufferedImage.TYPE_INT_RGB)
        for (y in 0 until map.height()) for (x in 0 until map.width()) out.setRGB(x, y, colormap.rgb(map.get(y, x)))
        return out
    }

    private fun heightWidth(image: Tensor): Pair<Int, Int> {
        val s = image.shape()
        val dims = if (s.size == 4 && s[0] == 1) s.drop(1) else s.toList()
        require(dims.size == 3 || dims.size == 2) { "picture: expected an image (height, width[, channels]), got shape ${s.toList()}" }
        return dims[0] to dims[1]
    }

    /** The image's brightness per pixel: the channel mean. */
    private fun gray(image: Tensor): DoubleArray {
        val (h, w) = heightWidth(image)
        val v = image.toDoubleArray()
        val c = v.size / (h * w)
        return DoubleArray(h * w) { p -> (0 until c).sumOf { v[p * c + it] } / c }
    }

    private fun grid(path: Path, cells: List<BufferedImage>, titles: List<String>, title: String, columns: Int, scale: Int = SCALE) {
        require(cells.isNotEmpty()) { "picture '$path': nothing to draw" }
        val cols = minOf(columns, cells.size)
        val rows = (cells.size + cols - 1) / cols
        val cw = cells.maxOf { it.width } * scale
        val ch = cells.maxOf { it.height } * scale
        val width = PAD + cols * (cw + PAD)
        val height = TITLE + PAD + rows * (ch + TITLE + PAD)
        Drawing.save(path, width, height) { g: Graphics2D ->
            g.color = Color.BLACK
            g.font = Drawing.BOLD
            Drawing.centred(g, title, width / 2.0, TITLE - 4.0)
            g.font = Drawing.FONT
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR)
            cells.forEachIndexed { i, cell ->
                val x = PAD + (i % cols) * (cw + PAD)
                val y = TITLE + PAD + (i / cols) * (ch + TITLE + PAD)
                g.color = Color.BLACK
                Drawing.centred(g, titles[i], x + cw / 2.0, y + TITLE - 5.0)
                g.drawImage(cell, x, y + TITLE, cell.width * scale, cell.height * scale, null)
            }
        }
    }
}
