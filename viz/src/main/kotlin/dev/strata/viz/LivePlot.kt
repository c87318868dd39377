package dev.strata.viz

import dev.strata.training.Callback
import dev.strata.training.History
import dev.strata.training.Trainer
import java.nio.file.Path

/**
 * A callback that redraws the training curves after every epoch, atomically, so a user can keep
 * the picture open while a script trains (TensorBoard's scalars, as a file).
 */
class LivePlot(private val path: Path) : Callback {
    init {
        PictureFile.formatOf(path)
    }

    private val history = HistoryRecorder()

    override fun onTrainBegin(trainer: Trainer) = history.clear()

    override fun onEpochEnd(epoch: Int, logs: Map<String, Double>, trainer: Trainer) {
        history.append(logs)
        TrainingCurves.save(history.values, path, title = "${trainer.model().name()} — epoch ${epoch + 1}")
    }
}

/** Collects epoch logs the way [History] does (History's appender belongs to the trainer). */
internal class HistoryRecorder {
    val values = LinkedHashMap<String, MutableList<Double>>()

    fun clear() = values.clear()

    fun append(logs: Map<String, Double>) {
        logs.forEach { (k, v) -> values.getOrPut(k) { ArrayList() }.add(v) }
    }
}
