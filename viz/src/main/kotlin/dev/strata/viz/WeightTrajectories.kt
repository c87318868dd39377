package dev.strata.viz

import java.nio.file.Path
import org.jetbrains.letsPlot.Figure
import org.jetbrains.letsPlot.geom.geomLine
import org.jetbrains.letsPlot.geom.geomVLine
import org.jetbrains.letsPlot.gggrid
import org.jetbrains.letsPlot.label.labs
import org.jetbrains.letsPlot.letsPlot
import org.jetbrains.letsPlot.scale.scaleColorManual
import org.jetbrains.letsPlot.themes.theme

/**
 * Weight trajectories (SPEC E2): every weight of each layer as a line over the training batches, one
 * panel per layer, epoch boundaries dashed. Long runs are thinned to at most [MAX_POINTS] points a
 * line (every k-th batch, the last always kept), which a picture a few hundred pixels wide cannot
 * tell apart from all of them.
 */
internal object WeightTrajectories {
    const val MAX_POINTS = 400

    fun figure(trajectories: Map<String, List<DoubleArray>>, batchesPerEpoch: Int): Pair<Figure, Pair<Int, Int>> {
        require(trajectories.isNotEmpty()) { "plotWeightTrajectories: no layers given" }
        require(batchesPerEpoch >= 0) { "plotWeightTrajectories: batchesPerEpoch must be ≥ 0, got $batchesPerEpoch" }
        val panels = trajectories.map { (layer, snapshots) -> panel(layer, snapshots, batchesPerEpoch) }
        val columns = minOf(panels.size, 3)
        val rows = (panels.size + columns - 1) / columns
        return gggrid(panels, ncol = columns) to (460 * columns to 360 * rows)
    }

    private fun panel(layer: String, snapshots: List<DoubleArray>, batchesPerEpoch: Int): Figure {
        require(snapshots.isNotEmpty()) { "plotWeightTrajectories: layer '$layer' has no snapshots" }
        val size = snapshots[0].size
        snapshots.forEachIndexed { i, s ->
            require(s.size == size) { "plotWeightTrajectories: layer '$layer' snapshot $i has ${s.size} weights, the first had $size" }
        }
        val step = maxOf(1, (snapshots.size + MAX_POINTS - 1) / MAX_POINTS)
        val kept = (snapshots.indices step step).toMutableList().also { if (it.last() != snapshots.lastIndex) it += snapshots.lastIndex }
        val batch = ArrayList<Int>(); val value = ArrayList<Double>(); val weight = ArrayList<String>()
        for (w in 0 until size) for (i in kept) { batch += i + 1; value += snapshots[i][w]; weight += "w$w" }
        val palette = List(size) { FunctionPlots.TAB10[it % FunctionPlots.TAB10.size] }
        var fig = letsPlot(mapOf("batch" to batch, "value" to value, "weight" to weight)) { x = "batch"; y = "value"; color = "weight" } +
            geomLine(size = 0.9) +
            scaleColorManual(values = palette, limits = List(size) { "w$it" }) +
            labs(title = "$layer ($size weights)", x = "batch", y = "weight value") + theme().legendPositionNone()
        if (batchesPerEpoch > 0 && snapshots.size > batchesPerEpoch) {
            val bounds = (batchesPerEpoch until snapshots.size step batchesPerEpoch).map { it + 0.5 }
            fig += geomVLine(data = mapOf("b" to bounds), color = "#bbbbbb", linetype = "dashed", size = 0.4) { xintercept = "b" }
        }
        return fig
    }

    fun save(trajectories: Map<String, List<DoubleArray>>, path: Path, batchesPerEpoch: Int) {
        PictureFile.formatOf(path)
        val (fig, size) = figure(trajectories, batchesPerEpoch)
        Charts.save(fig, path, size.first, size.second)
    }
}
