package dev.strata.viz

import dev.strata.graph.GraphNode
import dev.strata.inspect.Activations
import dev.strata.inspect.Gradients
import dev.strata.layers.ActivationLayer
import dev.strata.layers.Dense
import dev.strata.model.Model
import dev.strata.ops.Tensor
import java.awt.BasicStroke
import java.awt.Color
import java.awt.Graphics2D
import java.awt.geom.Ellipse2D
import java.awt.geom.Line2D
import java.nio.file.Path
import kotlin.math.abs
import kotlin.math.max

/**
 * A small dense network drawn neuron by neuron, as the tutorials draw it: one column of circles per
 * layer (inputs first), each circle coloured by its activation for one input row (blue negative,
 * white zero, red positive; full colour at the column's largest |value| or at 1 if that is smaller), each connection coloured by its weight's sign and
 * shaded and thickened by its magnitude — or, for [gradients], by dLoss/dw for that row and target.
 */
internal class NeuronDrawing private constructor(
    private val model: Model,
    private val columns: List<Column>,
    private val edges: List<DoubleArray>,    // per gap: row-major [in × out] weights or gradients
    private val edgeLabel: String,
) {
    class Column(val title: String, val values: DoubleArray)

    private val maxUnits = columns.maxOf { it.values.size }
    private val spacing = if (maxUnits <= 12) 46.0 else max(13.0, 560.0 / maxUnits)
    private val radius = if (maxUnits <= 12) 16.0 else spacing * 0.38
    private val legend = "circles: activation (blue < 0 < red); lines: $edgeLabel (red +, blue −), darker = larger"
    val width = max(80 + 190 * (columns.size - 1) + 80, Drawing.textWidth(legend) + 24)
    val height = (maxUnits * spacing + 130).toInt()

    private val left = (width - 190.0 * (columns.size - 1)) / 2

    fun draw(g: Graphics2D) {
        val centreY = 70 + maxUnits * spacing / 2
        fun pos(c: Int, u: Int): Pair<Double, Double> {
            val n = columns[c].values.size
            return (left + 190 * c) to (centreY + (u - (n - 1) / 2.0) * spacing)
        }
        g.font = Drawing.BOLD
        g.color = Color.BLACK
        g.drawString("${model.name()}: $edgeLabel", 12f, 20f)
        for ((gap, w) in edges.withIndex()) {
            val nIn = columns[gap].values.size
            val nOut = columns[gap + 1].values.size
            val scale = w.maxOf { abs(it) }.takeIf { it > 0 } ?: 1.0
            for (i in 0 until nIn) for (o in 0 until nOut) {
                val v = w[i * nOut + o]
                val m = abs(v) / scale
                val base = if (v >= 0) POSITIVE else NEGATIVE
                g.color = Color(base.red, base.green, base.blue, (40 + 215 * m).toInt())
                g.stroke = BasicStroke((0.5 + 3.0 * m).toFloat())
                val (x0, y0) = pos(gap, i)
                val (x1, y1) = pos(gap + 1, o)
                g.draw(Line2D.Double(x0 + radius, y0, x1 - radius, y1))
            }
        }
        for ((c, col) in columns.withIndex()) {
            // At least ±1 for full colour: a lone output of 0.03 must look pale, not as red as a 1.
            val scale = max(1.0, col.values.maxOfOrNull { abs(it) } ?: 1.0)
            g.font = Drawing.BOLD
            g.color = Color.BLACK
            Drawing.centred(g, col.title, left + 190 * c, 48.0)
            for ((u, v) in col.values.withIndex()) {
                val (x, y) = pos(c, u)
                val circle = Ellipse2D.Double(x - radius, y - radius, 2 * radius, 2 * radius)
                g.color = diverging(v / scale)
                g.fill(circle)
                g.color = Color(0x33, 0x33, 0x33)
                g.stroke = BasicStroke(1.2f)
                g.draw(circle)
                if (maxUnits <= 12) {
                    g.font = Drawing.FONT.deriveFont(10f)
                    g.color = Color.BLACK
                    Drawing.centred(g, "%.2f".format(java.util.Locale.ROOT, v), x, y + 4)
                }
            }
        }
        g.font = Drawing.FONT
        g.color = Color(0x44, 0x44, 0x44)
        g.drawString(legend, 12f, (height - 14).toFloat())
    }

    fun save(path: Path) = Drawing.save(path, width, height, ::draw)

    companion object {
        const val MAX_UNITS = 64
        val POSITIVE = Color(0xD6, 0x27, 0x28)
        val NEGATIVE = Color(0x1F, 0x77, 0xB4)

        /** −1 → blue, 0 → white, +1 → red. */
        fun diverging(t: Double): Color {
            val s = t.coerceIn(-1.0, 1.0)
            val to = if (s >= 0) POSITIVE else NEGATIVE
            val a = abs(s)
            return Color((255 + (to.red - 255) * a).toInt(), (255 + (to.green - 255) * a).toInt(), (255 + (to.blue - 255) * a).toInt())
        }

        /** The chain of Dense layers (each with the Activation layer that may follow it) of a single-input model. */
        private fun denseChain(model: Model, caller: String): List<Pair<Dense, String>> {
            require(model.inputNames().size == 1 && model.outputNames().size == 1) {
                "$caller: draws a single-input, single-output dense network; model '${model.name()}' has inputs ${model.inputNames()} and outputs ${model.outputNames()}"
            }
            val nodes: List<GraphNode> = model.graph().nodes()
            val chain = ArrayList<Pair<Dense, String>>()
            val inUnits = nodes.first { it.isInput() }.shape().last()
            require(nodes.first { it.isInput() }.shape().size == 1) { "$caller: expects a flat input, model '${model.name()}' has input shape ${nodes.first { it.isInput() }.shape().contentToString()}" }
            require(inUnits <= MAX_UNITS) { "$caller: at most $MAX_UNITS units a layer can be drawn; the input has $inUnits" }
            for (n in nodes) {
                if (n.isInput()) continue
                when (val l = n.layer()) {
                    is Dense -> {
                        require(l.units() <= MAX_UNITS) { "$caller: at most $MAX_UNITS units a layer can be drawn; layer '${l.name()}' has ${l.units()}" }
                        chain += l to l.name()
                    }
                    is ActivationLayer -> {
                        require(chain.isNotEmpty()) { "$caller: activation '${l.name()}' before any Dense layer" }
                        chain[chain.lastIndex] = chain.last().first to l.name()
                    }
                    is dev.strata.layers.Dropout -> Unit
                    else -> throw IllegalArgumentException("$caller: draws Dense (and Activation, Dropout) layers only; layer '${l.name()}' is ${l.typeName()}")
                }
            }
            return chain
        }

        private fun row(model: Model, input: Tensor, caller: String): Tensor {
            val n = model.graph().nodes().first { it.isInput() }.shape().last()
            val x = if (input.rank() == 1) input.reshape(1, input.shape()[0]) else input
            require(x.rank() == 2 && x.shape()[0] == 1 && x.shape()[1] == n) {
                "$caller: expects one input row of $n values, got shape ${input.shape().contentToString()}"
            }
            return x
        }

        private fun columns(model: Model, chain: List<Pair<Dense, String>>, x: Tensor): List<Column> {
            val cols = arrayListOf(Column(model.inputNames()[0], x.toDoubleArray()))
            for ((dense, shown) in chain) {
                val act = Activations.of(model, shown, x).toDoubleArray()
                cols += Column(if (shown == dense.name()) dense.name() else "${dense.name()} → $shown", act)
            }
            return cols
        }

        fun ofWeights(model: Model, input: Tensor): NeuronDrawing {
            val chain = denseChain(model, "drawNeurons")
            val x = row(model, input, "drawNeurons")
            val w = chain.map { (d, _) -> model.weights().of(d.name()).getValue("kernel").get().toDoubleArray() }
            return NeuronDrawing(model, columns(model, chain, x), w, "weights")
        }

        fun ofGradients(model: Model, input: Tensor, target: Tensor): NeuronDrawing {
            val chain = denseChain(model, "drawGradients")
            val x = row(model, input, "drawGradients")
            val y = if (target.rank() == 1) target.reshape(1, target.shape()[0]) else target
            val result = Gradients.of(model).ofLoss(x, y)
            val w = chain.map { (d, _) -> result.weights(d.name()).getValue("kernel").toDoubleArray() }
            return NeuronDrawing(model, columns(model, chain, x), w, "dLoss/dw")
        }
    }
}
