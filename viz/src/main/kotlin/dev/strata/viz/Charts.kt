package dev.strata.viz

import java.nio.file.Path
import org.jetbrains.letsPlot.Figure
import org.jetbrains.letsPlot.awt.plot.PlotSvgExport
import org.jetbrains.letsPlot.commons.geometry.DoubleVector
import org.jetbrains.letsPlot.intern.toSpec

/** Renders a Lets-Plot figure headless: its SVG, written as .svg or rasterised by Batik as .png. */
internal object Charts {
    fun svg(figure: Figure, width: Int, height: Int): String {
        Headless.ensure()
        return PlotSvgExport.buildSvgImageFromRawSpecs(figure.toSpec(), DoubleVector(width.toDouble(), height.toDouble()), false)
    }

    fun save(figure: Figure, path: Path, width: Int, height: Int) {
        PictureFile.formatOf(path)
        PictureFile.writeSvg(path, svg(figure, width, height))
    }

    /** Strata's palette: train blue, validation orange, as matplotlib's first two colours. */
    const val BLUE = "#1f77b4"
    const val ORANGE = "#ff7f0e"
    const val RED = "#d62728"
}
