// SPEC E2 — storm rotation: a small dense classifier of rare events, scored as forecasters do.
// 4 standardized inputs → Dense 10 tanh → Dense 1 sigmoid; SGD lr 0.01, momentum 0.9; binary
// cross-entropy; batch 128; 10 epochs. Weight trajectories are recorded after every batch; the test
// set is scored by AUC, Brier score and Brier skill score against climatology (always predicting
// the training set's rate of rotating storms).
// Data: the original storm-track data is not available, so this uses `Synthetic.storms()`, a
// seeded, generated set of the same shape: 20,000 storms from 2010-01-01 to 2017-12-31 in date
// order, inputs reflectivity (dBZ), u_wind, v_wind (m/s), temperature (K), target `rotation`
// (about 5 % positive, a noisy logistic function of the inputs). Split by date: 2010–2015 train,
// 2016 validation, 2017 test.
// Pictures (samples/out/): storm_rotation_weights.png, the weight trajectories (a line per weight over
// the batches, a panel per layer); storm_rotation_neurons.png and storm_rotation_gradients.png, the
// network drawn neuron by neuron for the first rotating test storm (values and weights, then dLoss/dw
// for target 1); storm_rotation.html, the training report (rewritten after every epoch).
//
//   ./strata samples/storm_rotation.strata.kts

import java.nio.file.Files
import java.util.Locale
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.runBlocking

fun f(v: Double, digits: Int = 4) = "%.${digits}f".format(Locale.ROOT, v)

/** The rotation labels of a pipeline (collected once). */
fun labels(rows: Flow<Example>): DoubleArray = runBlocking { rows.map { it["rotation"] }.toList() }.toDoubleArray()

// --- Data: a pipeline split by its date column -----------------------------------------------------
val inputs = Synthetic.STORM_INPUTS                                    // reflectivity, u_wind, v_wind, temperature
val storms = Synthetic.storms(count = 20_000, seed = 42)
val (train, validation, test) = storms.splitBy(
    isTrain = { it.text("date") < "2016-01-01" },                       // ISO dates compare as text
    isValidation = { it.text("date") < "2017-01-01" },
)
val prep = preprocessing { standardize(*inputs.toTypedArray()) }.fit(train)   // fitted on the training rows only
val features = features(inputs, "rotation")

val yTrain = labels(train)
val yTest = labels(test)
val climatology = yTrain.average()                                      // the training rate of rotation
println("storms: ${yTrain.size} train (2010–2015), ${labels(validation).size} validation (2016), " +
    "${yTest.size} test (2017, ${yTest.sum().toInt()} rotating); ${f(100 * climatology, 2)} % of training storms rotate")

// --- Model --------------------------------------------------------------------------------------
val net = sequential(inputShape = intArrayOf(4), name = "storm_rotation", seed = 7) {
    dense(10, activation = tanh, name = "hidden")
    dense(1, activation = sigmoid, name = "rotation")
}
net.compile(optimizer = sgd(lr = 0.01, momentum = 0.9), loss = binaryCrossentropy, metrics = listOf(auc, brier))
net.printSummary()                                                      // 4·10 + 10 = 50, 10 + 1 = 11: 61 parameters

// --- Weight trajectories: a copy of both layers' weights after every batch ------------------------
data class Snapshot(val epoch: Int, val batch: Int, val hiddenKernel: DoubleArray, val outputKernel: DoubleArray)
fun snapshot(m: Model, epoch: Int, batch: Int) = Snapshot(epoch, batch,
    m.weightsOf("hidden").getValue("kernel").toDoubleArray(),            // 4 × 10, row-major: row i = input i
    m.weightsOf("rotation").getValue("kernel").toDoubleArray())          // 10 × 1
val initial = snapshot(net, -1, -1)
val trajectory = ArrayList<Snapshot>()
val recorder = batchHook { epoch, batch, trainer -> trajectory += snapshot(trainer.model(), epoch, batch) }

// --- Training: the pipeline reshuffles every epoch and prefetches on a background dispatcher ----
val started = System.nanoTime()
val history = net.fit(
    train.preprocess(prep).shuffle(bufferSize = 20_000, seed = 1).batch(128, features).prefetch(),
    epochs = 10,
    validation = validation.preprocess(prep).batch(1024, features),
    callbacks = listOf(recorder, htmlReport(scriptDir.resolve("out/storm_rotation.html").toString())),
    verbose = 0,
)
println("trained 10 epochs in ${f((System.nanoTime() - started) / 1e9, 1)} s")
println("epoch   loss    val_loss  val_auc  val_brier")
for (e in 0 until history.epochs()) {
    println("%5d  %.4f   %.4f    %.4f   %.5f".format(Locale.ROOT, e + 1, history["loss"][e], history["val_loss"][e],
        history["val_auc"][e], history["val_brier"][e]))
}

val batchesPerEpoch = trajectory.count { it.epoch == 0 }
println("weight trajectories: ${trajectory.size} snapshots ($batchesPerEpoch batches per epoch); every 150th batch:")
println("  batch  epoch  hidden.kernel[reflectivity→h0]  hidden.kernel[temperature→h0]  rotation.kernel[h0→out]")
fun show(step: String, epoch: String, s: Snapshot) = println("  %5s  %5s  %30s  %29s  %23s".format(Locale.ROOT,
    step, epoch, f(s.hiddenKernel[0]), f(s.hiddenKernel[3 * 10]), f(s.outputKernel[0])))
show("0", "-", initial)                                                 // before training
for ((step, s) in trajectory.withIndex()) {
    if ((step + 1) % 150 == 0 || step == trajectory.lastIndex) show("${step + 1}", "${s.epoch + 1}", s)
}

// --- Pictures: weight trajectories, and the network for one rotating storm -------------------------
val out = scriptDir.resolve("out")
Files.createDirectories(out)
plotWeightTrajectories(linkedMapOf(
    "hidden.kernel" to trajectory.map { it.hiddenKernel },
    "rotation.kernel" to trajectory.map { it.outputKernel },
), out.resolve("storm_rotation_weights.png").toString(), batchesPerEpoch = batchesPerEpoch)
val storm = runBlocking { test.preprocess(prep).first { it["rotation"] == 1.0 } }   // standardized, as the net sees it
val stormInput = Tensor.of(inputs.map { storm[it].toFloat() }.toFloatArray(), 1, inputs.size)
drawNeurons(net, stormInput, out.resolve("storm_rotation_neurons.png").toString())
drawGradients(net, stormInput, Tensor.of(floatArrayOf(1f), 1, 1), out.resolve("storm_rotation_gradients.png").toString())
println("drew weight trajectories, neurons and gradients for the first rotating test storm " +
    "(P = ${f(net.predict(stormInput).toDoubleArray()[0])}) and the training report into $out")

// --- Test scores: AUC, Brier score, Brier skill score against climatology -----------------------
val scores = net.evaluate(test.preprocess(prep).batch(1024, features))
val testAuc = scores.getValue("auc")
val testBrier = scores.getValue("brier")
val climatologyBrier = yTest.map { (it - climatology) * (it - climatology) }.average()
val bss = 1 - testBrier / climatologyBrier
println("test: AUC ${f(testAuc)}, Brier ${f(testBrier, 5)}, climatology Brier ${f(climatologyBrier, 5)} " +
    "(always ${f(climatology)}), Brier skill score ${f(bss)}")
println("RESULT auc=${f(testAuc)} brier=${f(testBrier, 5)} bss=${f(bss)}")
