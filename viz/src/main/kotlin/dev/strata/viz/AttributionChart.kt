package dev.strata.viz

import dev.strata.inspect.Attribution
import java.nio.file.Path
import java.util.Locale
import org.jetbrains.letsPlot.coord.coordFlip
import org.jetbrains.letsPlot.geom.geomBar
import org.jetbrains.letsPlot.geom.geomHLine
import org.jetbrains.letsPlot.geom.geomText
import org.jetbrains.letsPlot.label.labs
import org.jetbrains.letsPlot.letsPlot
import org.jetbrains.letsPlot.scale.scaleFillManual
import org.jetbrains.letsPlot.scale.scaleXDiscrete
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
            "label" to values.map { "%+.4f".format(Locale.ROOT, it) },
            "labelAt" to values.map { it / 2 },  // the value written inside its bar
        )
        val heading = (title?.let { "$it: " } ?: "") +
            "base value %.4f → prediction %.4f".format(Locale.ROOT, a.baseValue(), a.prediction())
        val fig = letsPlot(data) { x = "feature"; y = "value"; fill = "sign" } +
            geomBar(stat = Stat.identity, width = 0.7) +
            geomHLine(yintercept = 0.0, color = "#444444", size = 0.6) +
            geomText(color = "#111111", size = 5) { y = "labelAt"; label = "label" } +
            scaleXDiscrete(limits = names.reversed()) +
            scaleFillManual(values = listOf(UP, DOWN), limits = listOf("raises", "lowers"), name = "") +
            coordFlip() +
            labs(title = heading, x = "", y = "contribution to the prediction") + theme().legendPositionBottom()
        return Charts.svg(fig, 640, 120 + 34 * names.size)
    }

    fun save(a: Attribution, featureNames: List<String>, path: Path, title: String? = null) {
        PictureFile.formatOf(path)
        PictureFile.writeSvg(path, svg(a, featureNames, title))
    }
}
