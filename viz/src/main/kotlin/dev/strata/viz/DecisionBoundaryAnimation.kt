package dev.strata.viz

import dev.strata.ops.Tensor
import dev.strata.training.Callback
import dev.strata.training.Trainer
import java.awt.image.BufferedImage
import java.nio.file.Path
import java.util.Locale

/**
 * A callback drawing a [DecisionBoundaries] frame after every epoch (title: epoch, accuracy, loss)
 * into an animated GIF at [gif]; at the end of training the GIF is written and, if [lastFrame] is
 * given, the last frame as PNG.
 */
class DecisionBoundaryAnimation @JvmOverloads constructor(
    private val x: Tensor,
    private val labels: Tensor,
    private val layers: List<String>,
    private val gif: Path,
    private val lastFrame: Path? = null,
    private val delayMillis: Int = 100,
) : Callback {
    private var drawer: DecisionBoundaries? = null
    private var animation: AnimatedGif? = null
    private var last: BufferedImage? = null
    var frames = 0
        private set

    override fun onTrainBegin(trainer: Trainer) {
        drawer = DecisionBoundaries(trainer.model(), x, labels, layers)
        animation = AnimatedGif(gif, delayMillis)
        frames = 0
    }

    override fun onEpochEnd(epoch: Int, logs: Map<String, Double>, trainer: Trainer) {
        val acc = logs["accuracy"]?.let { "accuracy %.3f".format(Locale.ROOT, it) } ?: ""
        val title = "${trainer.model().name()}  epoch ${epoch + 1}  $acc  loss %.4f".format(Locale.ROOT, logs["loss"] ?: Double.NaN)
        val frame = drawer!!.frame(title)
        animation!!.add(frame)
        last = frame
        frames++
    }

    override fun onTrainEnd(trainer: Trainer) {
        animation?.finish()
        val l = last
        if (lastFrame != null && l != null) PictureFile.writeAtomically(lastFrame, Drawing.png(l))
    }
}
