package dev.strata.viz

import java.awt.Color
import java.awt.Dimension
import java.awt.Font
import java.awt.Graphics2D
import java.awt.RenderingHints
import java.awt.image.BufferedImage
import java.io.ByteArrayOutputStream
import java.io.StringWriter
import java.nio.file.Path
import javax.imageio.ImageIO
import org.apache.batik.dom.GenericDOMImplementation
import org.apache.batik.svggen.SVGGeneratorContext
import org.apache.batik.svggen.SVGGraphics2D

/** Java2D drawings that are not charts (diagram boxes, neurons): the same code paints PNG pixels or SVG elements. */
internal object Drawing {
    val FONT = Font("DejaVu Sans", Font.PLAIN, 12)
    val BOLD = Font("DejaVu Sans", Font.BOLD, 12)

    /** A graphics context only for measuring text before the picture's size is known. */
    val measure: Graphics2D by lazy {
        Headless.ensure()
        BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB).createGraphics().also { hints(it) }
    }

    fun textWidth(text: String, font: Font = FONT): Int = measure.getFontMetrics(font).stringWidth(text)

    fun save(path: Path, width: Int, height: Int, draw: (Graphics2D) -> Unit) {
        when (PictureFile.formatOf(path)) {
            PictureFormat.SVG -> PictureFile.writeAtomically(path, svg(width, height, draw).toByteArray(Charsets.UTF_8))
            else -> PictureFile.writeAtomically(path, png(image(width, height, draw)))
        }
    }

    fun image(width: Int, height: Int, draw: (Graphics2D) -> Unit): BufferedImage {
        Headless.ensure()
        val img = BufferedImage(width, height, BufferedImage.TYPE_INT_RGB)
        val g = img.createGraphics()
        hints(g)
        g.color = Color.WHITE
        g.fillRect(0, 0, width, height)
        draw(g)
        g.dispose()
        return img
    }

    fun png(img: BufferedImage): ByteArray = ByteArrayOutputStream().also { ImageIO.write(img, "png", it) }.toByteArray()

    /** SVG with text kept as `<text>` elements, so the names in a drawing stay searchable. */
    fun svg(width: Int, height: Int, draw: (Graphics2D) -> Unit): String {
        Headless.ensure()
        val doc = GenericDOMImplementation.getDOMImplementation().createDocument("http://www.w3.org/2000/svg", "svg", null)
        val ctx = SVGGeneratorContext.createDefault(doc)
        ctx.comment = "Strata"
        val g = SVGGraphics2D(ctx, false)
        g.svgCanvasSize = Dimension(width, height)
        hints(g)
        g.color = Color.WHITE
        g.fillRect(0, 0, width, height)
        draw(g)
        val out = StringWriter()
        g.stream(out, true)
        return out.toString()
    }

    private fun hints(g: Graphics2D) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON)
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON)
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE)
    }

    /** Centres [text] horizontally on [cx] with its baseline at [y]. */
    fun centred(g: Graphics2D, text: String, cx: Double, y: Double) {
        val w = g.fontMetrics.stringWidth(text)
        g.drawString(text, (cx - w / 2.0).toFloat(), y.toFloat())
    }
}
