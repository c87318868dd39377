package dev.strata.viz

import java.nio.file.Path
import org.jetbrains.letsPlot.Figure
import org.jetbrains.letsPlot.geom.geomHLine
import org.jetbrains.letsPlot.geom.geomLine
import org.jetbrains.letsPlot.geom.geomPoint
import org.jetbrains.letsPlot.gggrid
import org.jetbrains.letsPlot.label.labs
import org.jetbrains.letsPlot.letsPlot
import org.jetbrains.letsPlot.scale.scaleColorManual
import org.jetbrains.letsPlot.scale.scaleLinetypeManual
import org.jetbrains.letsPlot.themes.theme

/**
 * Line figures of functions of one variable, as matplotlib tutorials draw them: the activation
 * functions next to their derivatives (SPEC E1), and a fitted curve over its data (SPEC E6).
 */
internal object FunctionPlots {
    /** matplotlib's tab10, the colours a user of those tutorials knows. */
    val TAB10 = listOf("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf")

    /** Panel "f(x)" with a line per function and, if [derivatives] is given, panel "f′(x)" beside it. */
    fun functions(x: DoubleArray, values: Map<String, DoubleArray>, derivatives: Map<String, DoubleArray>?, title: String?): Pair<Figure, Pair<Int, Int>> {
        require(values.isNotEmpty()) { "plotFunctions: no functions given" }
        require(values.size <= TAB10.size) { "plotFunctions: at most ${TAB10.size} functions a figure, got ${values.size}" }
        check("values", x, values)
        derivatives?.let {
            check("derivatives", x, it)
            require(it.keys == values.keys) { "plotFunctions: derivatives are named ${it.keys}, the functions ${values.keys}" }
        }
        val names = values.keys.toList()
        fun panel(series: Map<String, DoubleArray>, heading: String, yLabel: String): Figure {
            val xs = ArrayList<Double>(); val ys = ArrayList<Double>(); val fn = ArrayList<String>()
            for (name in names) series.getValue(name).forEachIndexed { i, v -> if (v.isFinite()) { xs += x[i]; ys += v; fn += name } }
            return letsPlot(mapOf("x" to xs, "y" to ys, "function" to fn)) { this.x = "x"; y = "y"; color = "function" } +
                geomHLine(yintercept = 0.0, color = "#999999", size = 0.4) +
                geomLine(size = 1.2) +
                scaleColorManual(values = TAB10.take(names.size), limits = names, name = "") +
                labs(title = heading, x = "x", y = yLabel) + theme().legendPositionBottom()
        }
        val first = panel(values, title ?: "functions", "f(x)")
        if (derivatives == null) return first to (520 to 420)
        return gggrid(listOf(first, panel(derivatives, "derivatives", "f′(x)")), ncol = 2) to (1000 to 420)
    }

    /** The data as grey points, the model's fit as a red line over [gridX], the true curve (if known) dashed. */
    fun fit(x: DoubleArray, y: DoubleArray, gridX: DoubleArray, fitted: DoubleArray, truth: DoubleArray?, title: String?): Figure {
        require(x.size == y.size) { "plotFit: ${x.size} x values but ${y.size} y values" }
        require(gridX.size == fitted.size) { "plotFit: ${gridX.size} grid points but ${fitted.size} fitted values" }
        require(truth == null || truth.size == gridX.size) { "plotFit: ${gridX.size} grid points but ${truth!!.size} true values" }
        val lx = ArrayList<Double>(); val ly = ArrayList<Double>(); val which = ArrayList<String>()
        truth?.forEachIndexed { i, v -> lx += gridX[i]; ly += v; which += "true curve" }
        fitted.forEachIndexed { i, v -> lx += gridX[i]; ly += v; which += "fit" }
        val kinds = if (truth != null) listOf("fit", "true curve") else listOf("fit")
        return letsPlot() +
            geomPoint(data = mapOf("x" to x.toList(), "y" to y.toList()), color = "#7f7f7f", size = 2.6, alpha = 0.6) { this.x = "x"; this.y = "y" } +
            geomLine(data = mapOf("x" to lx, "y" to ly, "line" to which), size = 1.1) { this.x = "x"; this.y = "y"; color = "line"; linetype = "line" } +
            scaleColorManual(values = listOf(Charts.RED, "#222222").take(kinds.size), limits = kinds, name = "") +
            scaleLinetypeManual(values = listOf(1, 2).take(kinds.size), limits = kinds, name = "") +
            labs(title = title ?: "fit against data (${x.size} points)", x = "x", y = "y") + theme().legendPositionBottom()
    }

    private fun check(what: String, x: DoubleArray, series: Map<String, DoubleArray>) {
        for ((name, s) in series) require(s.size == x.size) { "plotFunctions: $what of '$name' has ${s.size} values for ${x.size} x values" }
    }

    fun saveFunctions(x: DoubleArray, values: Map<String, DoubleArray>, derivatives: Map<String, DoubleArray>?, path: Path, title: String?) {
        PictureFile.formatOf(path)
        val (fig, size) = functions(x, values, derivatives, title)
        Charts.save(fig, path, size.first, size.second)
    }

    fun saveFit(x: DoubleArray, y: DoubleArray, gridX: DoubleArray, fitted: DoubleArray, truth: DoubleArray?, path: Path, title: String?) {
        PictureFile.formatOf(path)
        Charts.save(fit(x, y, gridX, fitted, truth, title), path, 900, 480)
    }
}
