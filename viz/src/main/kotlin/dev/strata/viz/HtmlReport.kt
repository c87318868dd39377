package dev.strata.viz

import dev.strata.layers.LayerException
import dev.strata.layers.ModelLayer
import dev.strata.model.Model
import dev.strata.training.Callback
import dev.strata.training.Trainer
import java.nio.file.Path
import java.time.LocalDateTime
import java.time.format.DateTimeFormatter
import java.util.Locale

/**
 * A training report as one self-contained HTML file (TensorBoard's scalars and graph, as a page you
 * can mail): the latest metrics, the training curves, Keras's summary table and the model diagram,
 * all inline — the pictures are inline SVG, there are no scripts and no external URLs, so it opens
 * from disk in any browser. Rewritten atomically after every epoch; while training runs the page
 * reloads itself every [refreshSeconds] seconds (0: never), the last write drops the reload.
 */
class HtmlReport @JvmOverloads constructor(private val path: Path, private val refreshSeconds: Int = 5) : Callback {
    init {
        PictureFile.formatOf(path, setOf(PictureFormat.HTML))
        require(refreshSeconds >= 0) { "htmlReport: refreshSeconds must be ≥ 0, got $refreshSeconds" }
    }

    private val history = HistoryRecorder()
    private var diagram: String? = null
    private var epochs = 0

    override fun onTrainBegin(trainer: Trainer) {
        history.clear()
        epochs = 0
        diagram = inlineSvg(ModelDiagram(trainer.model(), true).svg())
    }

    override fun onEpochEnd(epoch: Int, logs: Map<String, Double>, trainer: Trainer) {
        history.append(logs)
        epochs = epoch + 1
        write(trainer.model(), running = true)
    }

    override fun onTrainEnd(trainer: Trainer) {
        if (epochs > 0) write(trainer.model(), running = false)
    }

    private fun write(model: Model, running: Boolean) {
        val html = page(model, history.values, diagram ?: inlineSvg(ModelDiagram(model, true).svg()), epochs, running, refreshSeconds)
        PictureFile.writeAtomically(path, html.toByteArray(Charsets.UTF_8))
    }

    companion object {
        /** The whole page for [model] after [epochs] epochs with per-epoch [values]. */
        internal fun page(model: Model, values: Map<String, List<Double>>, diagramSvg: String, epochs: Int, running: Boolean, refreshSeconds: Int): String {
            val name = esc(model.name())
            val status = if (running) "training — epoch $epochs" else "finished after $epochs epochs"
            val sb = StringBuilder()
            sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            if (running && refreshSeconds > 0) sb.append("<meta http-equiv=\"refresh\" content=\"$refreshSeconds\">\n")
            sb.append("<title>$name — Strata training report</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n")
            sb.append("<h1>$name</h1>\n<p class=\"status\">$status · written ")
                .append(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"))).append("</p>\n")
            sb.append("<h2>Latest metrics (epoch $epochs)</h2>\n").append(metricsTable(values)).append('\n')
            sb.append("<h2>Training curves</h2>\n<div class=\"figure\" id=\"curves\">\n")
                .append(if (values.isEmpty()) "<p>no epochs yet</p>" else inlineSvg(TrainingCurves.svg(values))).append("\n</div>\n")
            sb.append("<h2>Summary</h2>\n").append(summaryTable(model)).append('\n')
            sb.append("<h2>Model diagram</h2>\n<div class=\"figure\" id=\"diagram\">\n").append(diagramSvg).append("\n</div>\n")
            sb.append("</body>\n</html>\n")
            return sb.toString()
        }

        /** Train and validation value of each metric at the last epoch, one row per metric. */
        private fun metricsTable(values: Map<String, List<Double>>): String {
            val metrics = values.keys.filter { !it.startsWith("val_") }
            val hasVal = values.keys.any { it.startsWith("val_") }
            val sb = StringBuilder("<table id=\"metrics\">\n<tr><th>metric</th><th>train</th>")
            if (hasVal) sb.append("<th>validation</th>")
            sb.append("</tr>\n")
            for (m in metrics) {
                sb.append("<tr><td>").append(esc(m)).append("</td><td class=\"num\">").append(number(values[m]?.lastOrNull())).append("</td>")
                if (hasVal) sb.append("<td class=\"num\">").append(number(values["val_$m"]?.lastOrNull())).append("</td>")
                sb.append("</tr>\n")
            }
            return sb.append("</table>").toString()
        }

        /** Keras's `summary()` as a table: layer (type), output shape, parameters, inputs; then the totals. */
        private fun summaryTable(model: Model): String {
            val graph = model.graph()
            val nodes = graph.nodes()
            val sb = StringBuilder("<table id=\"summary\">\n<tr><th>Layer (type)</th><th>Output shape</th><th>Param #</th><th>Connected to</th></tr>\n")
            val seen = HashSet<String>()
            for (n in nodes) {
                val label = if (n.isInput()) "${n.inputName()} (InputLayer)" else "${n.layer().name()} (${n.layer().typeName()})"
                val params = if (!n.isInput() && seen.add(n.layer().name())) params(model, n.layer().name()) else 0L
                val from = n.inputs().joinToString(", ") { nodes[it].name() }
                sb.append("<tr><td>").append(esc(label)).append("</td><td>").append(esc(LayerException.show(n.shape())))
                    .append("</td><td class=\"num\">").append("%,d".format(Locale.ROOT, params)).append("</td><td>")
                    .append(esc(from)).append("</td></tr>\n")
            }
            val total = model.countParams(false)
            val trainable = model.countParams(true)
            sb.append("</table>\n<p class=\"totals\">Total params: ").append("%,d".format(Locale.ROOT, total))
                .append(" · Trainable params: ").append("%,d".format(Locale.ROOT, trainable))
                .append(" · Non-trainable params: ").append("%,d".format(Locale.ROOT, total - trainable))
                .append(" · Outputs: ").append(esc(model.outputNames().joinToString(", "))).append("</p>")
            return sb.toString()
        }

        private fun params(model: Model, layer: String): Long {
            val nested = ModelLayer.nestedIn(model.layerConfig(layer))
            if (nested != null) return nested.innerLayers().sumOf { params(model, it.name()) }
            return if (model.weights().has(layer)) model.weights().of(layer).values.sumOf { it.size() } else 0L
        }

        private fun number(v: Double?): String = when {
            v == null -> ""
            v.isNaN() -> "NaN"
            else -> "%.5g".format(Locale.ROOT, v)
        }

        /**
         * An SVG document made fit to paste into HTML: no XML prolog or DOCTYPE, and no namespace
         * declarations (the HTML parser puts `<svg>` and `xlink:href` in their namespaces itself), so
         * the page holds no URL at all.
         */
        internal fun inlineSvg(svg: String): String {
            val start = svg.indexOf("<svg")
            require(start >= 0) { "htmlReport: expected an SVG document, got '${svg.take(60)}…'" }
            return svg.substring(start)
                .replace(Regex("\\s+xmlns(:[A-Za-z]+)?=\"[^\"]*\""), "")
                .replace(Regex("<!--.*?-->", RegexOption.DOT_MATCHES_ALL), "")
                .trim()
        }

        private fun esc(s: String) = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")

        private val STYLE = """
            body { font-family: "DejaVu Sans", Arial, sans-serif; margin: 24px; color: #222; background: #fff; }
            h1 { font-size: 22px; margin: 0 0 4px 0; }
            h2 { font-size: 16px; margin: 22px 0 8px 0; border-bottom: 1px solid #ddd; padding-bottom: 3px; }
            .status { color: #666; margin: 0; }
            table { border-collapse: collapse; font-size: 13px; }
            th, td { border: 1px solid #ccc; padding: 3px 10px; text-align: left; }
            th { background: #f1f3f6; }
            td.num { text-align: right; font-family: "DejaVu Sans Mono", monospace; }
            .totals { font-size: 13px; color: #444; }
            .figure { overflow-x: auto; }   /* the SVGs have no viewBox: scroll a wide figure rather than clip it */

        """.trimIndent()
    }
}
