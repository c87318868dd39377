package dev.strata.viz

import dev.strata.inspect.Activations
import dev.strata.model.Model
import dev.strata.ops.Tensor
import java.awt.BasicStroke
import java.awt.Color
import java.awt.Graphics2D
import java.awt.geom.Ellipse2D
import java.awt.image.BufferedImage
import java.util.Locale
import kotlin.math.abs
import kotlin.math.max
import kotlin.math.min

/**
 * One frame of SPEC E3's picture of a small 2-D classifier: the input space with the predicted
 * probability on a [grid]×[grid] raster behind the points, then the points and the grid mapped
 * through each of [layers] (2-unit layers), coloured by the same probability. Drawn with Java2D
 * straight into pixels: a frame is redrawn every epoch, so it must take milliseconds, not the
 * second an SVG round trip would.
 */
class DecisionBoundaries @JvmOverloads constructor(
    private val model: Model,
    x: Tensor,
    labels: Tensor,
    private val layers: List<String>,
    private val grid: Int = 200,
    private val panel: Int = 360,
) {
    private val points = x.toDoubleArray()
    private val classes = labels.toDoubleArray().map { it >= 0.5 }
    private val n = classes.size
    private val gridInput: Tensor
    private val xmin: Double; private val xmax: Double; private val ymin: Double; private val ymax: Double

    init {
        require(x.rank() == 2 && x.shape()[1] == 2) { "decision boundaries: expects 2-D inputs [rows, 2], got ${x.shape().contentToString()}" }
        require(labels.length() == n.toLong()) { "decision boundaries: ${x.shape()[0]} points but ${labels.length()} labels" }
        for (l in layers) {
            val node = model.graph().nodes().firstOrNull { !it.isInput() && it.layer().name() == l }
                ?: throw IllegalArgumentException("decision boundaries: unknown layer '$l'; layers are ${model.graph().layers().keys}")
            val units = node.shape().last()
            require(units == 2) { "decision boundaries: layer '$l' has $units units; only 2-unit layers can be drawn as a plane" }
        }
        val xs = DoubleArray(n) { points[2 * it] }
        val ys = DoubleArray(n) { points[2 * it + 1] }
        val padX = 0.1 * (xs.max() - xs.min()); val padY = 0.1 * (ys.max() - ys.min())
        xmin = xs.min() - padX; xmax = xs.max() + padX; ymin = ys.min() - padY; ymax = ys.max() + padY
        val g = FloatArray(grid * grid * 2)
        for (r in 0 until grid) for (c in 0 until grid) {
            val i = r * grid + c
            g[2 * i] = (xmin + (c + 0.5) / grid * (xmax - xmin)).toFloat()
            g[2 * i + 1] = (ymax - (r + 0.5) / grid * (ymax - ymin)).toFloat()   // row 0 at the top
        }
        gridInput = Tensor.of(g, grid * grid, 2)
    }

    /** The predicted probability on the grid, row 0 at the top (for tests and the raster). */
    fun probabilities(): DoubleArray = model.predict(gridInput).toDoubleArray()

    /** Where the input-space panel lies in a [frame] (the probability raster fills it). */
    fun inputPanel(): java.awt.Rectangle = java.awt.Rectangle(PAD, TOP, panel, panel)

    /** The frame: a title line above the input panel and one panel per layer of [layers]. */
    fun frame(title: String): BufferedImage {
        val prob = probabilities()
        val mapped = layers.map { Activations.of(model, it, gridInput).toDoubleArray() to Activations.of(model, it, Tensor.of(points, n, 2)).toDoubleArray() }
        val width = panel * (1 + layers.size) + PAD * (2 + layers.size)
        val height = panel + TOP + 40
        return Drawing.image(width, height) { g ->
            g.font = Drawing.BOLD.deriveFont(14f)
            g.color = Color.BLACK
            Drawing.centred(g, title, width / 2.0, 22.0)
            // Input space: the probability raster with the points on top.
            val raster = BufferedImage(grid, grid, BufferedImage.TYPE_INT_RGB)
            for (i in prob.indices) raster.setRGB(i % grid, i / grid, probabilityColour(prob[i]).rgb)
            val x0 = PAD
            g.drawImage(raster, x0, TOP, panel, panel, null)
            axes(g, x0, "input space", xmin, xmax, ymin, ymax)
            plotPoints(g, x0, points, xmin, xmax, ymin, ymax)
            // Each hidden space: the grid's images as small dots, then the points.
            for ((k, pair) in mapped.withIndex()) {
                val (gm, pm) = pair
                val all = gm + pm
                val ax = DoubleArray(all.size / 2) { all[2 * it] }; val ay = DoubleArray(all.size / 2) { all[2 * it + 1] }
                val lx = ax.min(); val hx = max(ax.max(), lx + 1e-6); val ly = ay.min(); val hy = max(ay.max(), ly + 1e-6)
                val px = PAD + (k + 1) * (panel + PAD)
                val step = max(1, grid / 100)
                for (r in 0 until grid step step) for (c in 0 until grid step step) {
                    val i = r * grid + c
                    g.color = probabilityColour(prob[i])
                    val sx = px + (gm[2 * i] - lx) / (hx - lx) * panel
                    val sy = TOP + panel - (gm[2 * i + 1] - ly) / (hy - ly) * panel
                    g.fillRect(sx.toInt() - 1, sy.toInt() - 1, 3, 3)
                }
                axes(g, px, layers[k], lx, hx, ly, hy)
                plotPoints(g, px, pm, lx, hx, ly, hy)
            }
        }
    }

    private fun plotPoints(g: Graphics2D, px: Int, p: DoubleArray, lx: Double, hx: Double, ly: Double, hy: Double) {
        g.stroke = BasicStroke(0.8f)
        for (i in 0 until n) {
            val sx = px + (p[2 * i] - lx) / (hx - lx) * panel
            val sy = TOP + panel - (p[2 * i + 1] - ly) / (hy - ly) * panel
            val dot = Ellipse2D.Double(sx - 3.5, sy - 3.5, 7.0, 7.0)
            g.color = if (classes[i]) CLASS_1 else CLASS_0
            g.fill(dot)
            g.color = Color.WHITE
            g.draw(dot)
        }
    }

    private fun axes(g: Graphics2D, px: Int, name: String, lx: Double, hx: Double, ly: Double, hy: Double) {
        g.color = Color(0x44, 0x44, 0x44)
        g.stroke = BasicStroke(1f)
        g.drawRect(px, TOP, panel, panel)
        g.font = Drawing.BOLD
        Drawing.centred(g, name, px + panel / 2.0, TOP - 8.0)
        g.font = Drawing.FONT.deriveFont(10f)
        for (t in 0..4) {
            val fx = lx + t / 4.0 * (hx - lx)
            val fy = ly + t / 4.0 * (hy - ly)
            // The end ticks stay inside their panel, so neighbouring panels' labels never run together.
            val label = tick(fx, hx - lx)
            val w = g.fontMetrics.stringWidth(label)
            val at = (px + t / 4.0 * panel - w / 2.0).coerceIn(px.toDouble(), px + panel - w.toDouble())
            g.drawString(label, at.toFloat(), (TOP + panel + 14).toFloat())
            g.drawString(tick(fy, hy - ly), px + 3f, (TOP + panel - t / 4.0 * panel - 3).toFloat().coerceAtLeast(TOP + 10f))
        }
    }

    /** A tick label; a value within rounding noise of 0 (−1.3e-06 on a [−1, 1] axis) reads 0. */
    private fun tick(v: Double, range: Double): String = if (abs(v) < 1e-6 * range) "0" else "%.2g".format(Locale.ROOT, v)

    companion object {
        private const val PAD = 20
        private const val TOP = 60
        /** Class 0 points dark blue, class 1 dark red; the raster goes from light blue (p = 0) to light red (p = 1). */
        val CLASS_0 = Color(0x08, 0x30, 0x9A)
        val CLASS_1 = Color(0xA5, 0x0F, 0x15)
        private val LOW = Color(0x9E, 0xC5, 0xF0)
        private val HIGH = Color(0xF5, 0xA3, 0x9A)

        fun probabilityColour(p: Double): Color {
            val t = min(1.0, max(0.0, p))
            val mid = 250.0
            fun ch(a: Int, b: Int) = if (t < 0.5) a + (mid - a) * (t / 0.5) else mid + (b - mid) * ((t - 0.5) / 0.5)
            return Color(ch(LOW.red, HIGH.red).toInt(), ch(LOW.green, HIGH.green).toInt(), ch(LOW.blue, HIGH.blue).toInt())
        }
    }
}
