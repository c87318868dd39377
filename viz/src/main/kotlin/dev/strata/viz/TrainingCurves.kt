package dev.strata.viz

import java.nio.file.Path
import org.jetbrains.letsPlot.Figure
import org.jetbrains.letsPlot.geom.geomLine
import org.jetbrains.letsPlot.geom.geomPoint
import org.jetbrains.letsPlot.gggrid
import org.jetbrains.letsPlot.label.labs
import org.jetbrains.letsPlot.letsPlot
import org.jetbrains.letsPlot.scale.scaleColorManual
import org.jetbrains.letsPlot.themes.theme

/**
 * Training curves as Keras users draw them from `history.history`: one panel per metric (loss first),
 * train and validation as two lines; for a multi-output model one row of panels per output
 * (`pe_loss`, `pe_mae` … then `v_loss` …), the total loss in a row of its own.
 */
internal object TrainingCurves {
    /** Panels grouped into rows: each a list of series names without the `val_` prefix. */
    fun layout(keys: Collection<String>): List<List<String>> {
        val train = keys.filter { !it.startsWith("val_") }.ifEmpty { keys.map { it.removePrefix("val_") }.distinct() }
        val outputs = train.filter { it.endsWith("_loss") }.map { it.removeSuffix("_loss") }
        if (outputs.isEmpty()) return listOf(order(train))
        val rows = ArrayList<List<String>>()
        val general = train.filter { k -> outputs.none { k.startsWith(it + "_") } }
        if (general.isNotEmpty()) rows += order(general)
        for (o in outputs) rows += order(train.filter { it.startsWith(o + "_") })
        return rows
    }

    private fun order(names: List<String>) = names.sortedBy { if (it == "loss" || it.endsWith("_loss")) 0 else 1 }

    fun figure(values: Map<String, List<Double>>, title: String? = null): Pair<Figure, Pair<Int, Int>> {
        require(values.isNotEmpty() && values.values.first().isNotEmpty()) { "history.plot: the history has no epochs yet" }
        val rows = layout(values.keys)
        val columns = rows.maxOf { it.size }
        val panels = ArrayList<Figure?>()
        for ((r, row) in rows.withIndex()) {
            for (c in 0 until columns) {
                // A grid takes no overall title: the first panel carries it.
                panels += row.getOrNull(c)?.let { panel(it, values, if (r == 0 && c == 0 && title != null) "$title: $it" else it) }
            }
        }
        return gggrid(panels, ncol = columns) to (380 * columns to 280 * rows.size)
    }

    private fun panel(metric: String, values: Map<String, List<Double>>, title: String): Figure {
        val epochs = ArrayList<Int>()
        val ys = ArrayList<Double>()
        val split = ArrayList<String>()
        for ((key, label) in listOf(metric to "train", "val_$metric" to "validation")) {
            val series = values[key] ?: continue
            series.forEachIndexed { i, v -> if (v.isFinite()) { epochs += i + 1; ys += v; split += label } }
        }
        val data = mapOf("epoch" to epochs, "value" to ys, "split" to split)
        return letsPlot(data) { x = "epoch"; y = "value"; color = "split" } +
            geomLine(size = 1.2) + geomPoint(size = if (epochs.size <= 40) 2.0 else 0.0) +
            // The legend names only the series drawn: a run without validation data shows "train" alone.
            scaleColorManual(values = listOf(Charts.BLUE, Charts.ORANGE), limits = listOf("train", "validation").filter { it in split }, name = "") +
            labs(title = title, x = "epoch", y = metric) + theme().legendPositionBottom()
    }

    fun save(values: Map<String, List<Double>>, path: Path, title: String? = null) {
        val (fig, size) = figure(values, title)
        Charts.save(fig, path, size.first, size.second)
    }

    fun svg(values: Map<String, List<Double>>, title: String? = null): String {
        val (fig, size) = figure(values, title)
        return Charts.svg(fig, size.first, size.second)
    }
}
