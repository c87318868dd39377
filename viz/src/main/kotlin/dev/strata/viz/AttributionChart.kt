package dev.strata.viz

import dev.strata.inspect.Attribution
import java.nio.file.Path
import java.util.Locale
import kotlin.math.abs
import org.jetbrains.letsPlot.coord.coordFlip
import org.jetbrains.letsPlot.geom.geomBar
import org.jetbrains.letsPlot.geom.geomHLine
import org.jetbrains.letsPlot.geom.geomText
import org.jetbrains.letsPlot.label.labs
import org.jetbrains.letsPlot.letsPlot
import org.jetbrains.letsPlot.scale.scaleFillManual
import org.jetbrains.letsPlot.scale.scaleXDiscrete
import org.jetbrains.letsPlot.scale.scaleYContinuous
import org.jetbrains.letsPlot.themes.theme
import org.jetbrains.letsPlot.Stat

/**
 * shap's bar plot for one prediction: one horizontal bar per feature, the largest contribution on
 * top, red for features that push the prediction up and blue for those that push it down; the title
 * reads base value → prediction, which the bars sum to (for Kernel SHAP exactly).
 */
internal object AttributionChart {
    const val UP = "#d62728"
    const val DOWN = "#1f77b4"

    fun svg(a: Attribution, featureNames: List<String>, title: String? = null): String {
        val c = a.contributions()
        require(featureNames.size == c.size) {
            "plotAttributions: ${c.size} contributions but ${featureNames.size} feature names $featureNames"
        }
        require(featureNames.toSet().size == featureNames.size) { "plotAttributions: feature names repeat: $featureNames" }
        val order = a.byMagnitude().toList()                                  // largest first
        val names = order.map { featureNames[it] }
        val values = order.map { c[it] }
        val data = mapOf(
            "feature" to names,
            "value" to values,
            "sign" to values.map { if (it >= 0) "raises" else "lowers" },
        )
        // A bar at least a quarter of the longest carries its value inside; a shorter one just past its end,
        // on the side away from zero, so the number never sits across the axis.
        val longest = values.maxOf { abs(it) }.takeIf { it > 0 } ?: 1.0
        fun labels(keep: (Double) -> Boolean, at: (Double) -> Double): Map<String, List<Any>> {
            val i = values.indices.filter { keep(values[it]) }
            return mapOf("feature" to i.map { names[it] }, "at" to i.map { at(values[it]) }, "label" to i.map { "%+.4f".format(Locale.ROOT, values[it]) })
        }
        val inside = labels({ abs(it) >= 0.25 * longest }) { it / 2 }
        val outsideUp = labels({ abs(it) < 0.25 * longest && it >= 0 }) { it + 0.02 * longest }
        val outsideDown = labels({ abs(it) < 0.25 * longest && it < 0 }) { it - 0.02 * longest }
        val heading = (title?.let { "$it: " } ?: "") +
            "base value %.4f → prediction %.4f".format(Locale.ROOT, a.baseValue(), a.prediction())
        var fig = letsPlot(data) { x = "feature"; y = "value"; fill = "sign" } +
            geomBar(stat = Stat.identity, width = 0.7) +
            geomHLine(yintercept = 0.0, color = "#444444", size = 0.6) +
            scaleXDiscrete(limits = names.reversed()) +
            scaleYContinuous(expand = listOf(0.18, 0.0)) +   // room on both sides for labels past short bars' ends
            scaleFillManual(values = listOf(UP, DOWN), limits = listOf("raises", "lowers"), name = "") +
            coordFlip() +
            labs(title = heading, x = "", y = "contribution to the prediction") + theme().legendPositionBottom()
        // An empty layer would fall back to the plot's data (which has no "at"): add only those with labels.
        for ((layer, hjust) in listOf(inside to 0.5, outsideUp to 0.0, outsideDown to 1.0)) {
            if (layer.getValue("at").isNotEmpty()) fig += geomText(data = layer, color = "#111111", size = 5, hjust = hjust) { x = "feature"; y = "at"; label = "label" }
        }
        return Charts.svg(fig, 640, 120 + 34 * names.size)
    }

    fun save(a: Attribution, featureNames: List<String>, path: Path, title: String? = null) {
        PictureFile.formatOf(path)
        PictureFile.writeSvg(path, svg(a, featureNames, title))
    }
}
