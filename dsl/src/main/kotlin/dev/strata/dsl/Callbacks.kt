package dev.strata.dsl

import dev.strata.callbacks.BatchHook
import dev.strata.callbacks.EarlyStopping
import dev.strata.callbacks.LearningRateScheduler
import dev.strata.callbacks.Mode
import dev.strata.callbacks.ModelCheckpoint
import dev.strata.callbacks.ThresholdStop
import dev.strata.training.Callback
import dev.strata.training.Trainer
import java.nio.file.Path

/** Whether a monitored value improves downwards ([Mode.MIN]), upwards ([Mode.MAX]) or as its name suggests ([Mode.AUTO]). */
typealias MonitorMode = Mode

/**
 * Stops training when [monitor] has not improved by more than [minDelta] for [patience] epochs,
 * Keras's `EarlyStopping`: `earlyStopping(monitor = "loss", minDelta = 1e-8, patience = 3)`.
 *
 * @param mode [Mode.AUTO] reads accuracy, AUC, R², precision, recall and F1 as "higher is better".
 * @param restoreBestWeights put back the weights of the best epoch when stopping.
 */
fun earlyStopping(
    monitor: String = "val_loss",
    minDelta: Double = 0.0,
    patience: Int = 0,
    mode: Mode = Mode.AUTO,
    restoreBestWeights: Boolean = false,
): EarlyStopping {
    require(patience >= 0) { "earlyStopping: patience must be >= 0, got $patience" }
    return EarlyStopping(monitor, minDelta, patience, mode, restoreBestWeights)
}

/**
 * Saves the model (architecture, weights, optimizer state) after each epoch, or with [saveBestOnly]
 * only when [monitor] improves. [path] may contain `{epoch}` (1-based).
 */
fun modelCheckpoint(path: String, monitor: String = "val_loss", saveBestOnly: Boolean = false, mode: Mode = Mode.AUTO): ModelCheckpoint =
    ModelCheckpoint(path, monitor, saveBestOnly, mode)

/** Saves the model after each epoch, or only when [monitor] improves; see the `String` overload. */
fun modelCheckpoint(path: Path, monitor: String = "val_loss", saveBestOnly: Boolean = false, mode: Mode = Mode.AUTO): ModelCheckpoint =
    ModelCheckpoint(path.toString(), monitor, saveBestOnly, mode)

/**
 * Stops training once [monitor] reaches [threshold]: at or below it by default, at or above it
 * with [Mode.MAX]. E.g. `thresholdStop(threshold = 0.263)` stops when the loss is ≤ 0.263.
 */
fun thresholdStop(monitor: String = "loss", threshold: Double, mode: Mode = Mode.MIN): ThresholdStop =
    ThresholdStop(monitor, threshold, mode)

/** Keras's `TerminateOnNaN()`: stops training at the first batch whose loss is NaN or infinite. */
fun terminateOnNaN(): dev.strata.callbacks.TerminateOnNaN = dev.strata.callbacks.TerminateOnNaN()

/** Sets the learning rate at the start of every epoch: `learningRateScheduler { epoch, lr -> if (epoch < 10) lr else lr * 0.9 }`. */
fun learningRateScheduler(schedule: (epoch: Int, lr: Double) -> Double): LearningRateScheduler =
    LearningRateScheduler { epoch, lr -> schedule(epoch, lr) }

/**
 * Runs [action] after every training batch, e.g. to record weight trajectories:
 * `batchHook { epoch, batch, trainer -> trajectory += trainer.model().getWeights("dense") }`.
 */
fun batchHook(action: (epoch: Int, batch: Int, trainer: Trainer) -> Unit): BatchHook =
    BatchHook { epoch, batch, _, trainer -> action(epoch, batch, trainer) }

/**
 * A callback from lambdas, Keras's `LambdaCallback`; every hook is optional:
 * `lambdaCallback(onEpochEnd = { epoch, logs -> println("$epoch ${logs["loss"]}") })`.
 */
fun lambdaCallback(
    onTrainBegin: ((Trainer) -> Unit)? = null,
    onEpochBegin: ((epoch: Int) -> Unit)? = null,
    onBatchEnd: ((epoch: Int, batch: Int, logs: Map<String, Double>) -> Unit)? = null,
    onEpochEnd: ((epoch: Int, logs: Map<String, Double>) -> Unit)? = null,
    onTrainEnd: ((Trainer) -> Unit)? = null,
): Callback = object : Callback {
    override fun onTrainBegin(trainer: Trainer) {
        onTrainBegin?.invoke(trainer)
    }

    override fun onEpochBegin(epoch: Int, trainer: Trainer) {
        onEpochBegin?.invoke(epoch)
    }

    override fun onBatchEnd(epoch: Int, batch: Int, logs: Map<String, Double>, trainer: Trainer) {
        onBatchEnd?.invoke(epoch, batch, logs)
    }

    override fun onEpochEnd(epoch: Int, logs: Map<String, Double>, trainer: Trainer) {
        onEpochEnd?.invoke(epoch, logs)
    }

    override fun onTrainEnd(trainer: Trainer) {
        onTrainEnd?.invoke(trainer)
    }
}
