package dev.strata.viz

import com.madgag.gif.fmsware.AnimatedGifEncoder
import java.awt.image.BufferedImage
import java.io.ByteArrayOutputStream
import java.nio.file.Path

/** A looping animated GIF built frame by frame in memory, written atomically by [finish]. */
class AnimatedGif @JvmOverloads constructor(private val path: Path, delayMillis: Int = 120) {
    private val bytes = ByteArrayOutputStream()
    private val encoder = AnimatedGifEncoder()
    var frames = 0
        private set

    init {
        PictureFile.formatOf(path, setOf(PictureFormat.GIF))
        encoder.start(bytes)
        encoder.setRepeat(0)          // loop forever
        encoder.setDelay(delayMillis)
        encoder.setQuality(20)        // NeuQuant sampling step: 20 is fast and still smooth on the raster
    }

    fun add(frame: BufferedImage) {
        encoder.addFrame(frame)
        frames++
    }

    /** Holds the last frame longer, then writes the file. */
    fun finish() {
        encoder.finish()
        PictureFile.writeAtomically(path, bytes.toByteArray())
    }
}
