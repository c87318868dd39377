// SPEC §7 "Sequence model" — an LSTM and a GRU beat a dense baseline on the same window.
// Next-step prediction of a noisy sine: x(t) = sin(2πt/40) + ε, ε ~ N(0, 0.2²), t = 0 … 1199.
// Each example is a window of 20 consecutive values, shaped (20 steps, 1 feature); its target is the
// value that follows. Chronological split: the first 80 % of windows train, the last 20 % test.
// Three models, each Adam lr 0.005, MSE, batch 32, 50 epochs, seed 1:
//   dense baseline  Flatten → Dense 16 relu → Dense 1
//   LSTM            LSTM 16 → Dense 1
//   GRU             GRU 16 → Dense 1
// Data: generated here (java.util.Random, seed 1); no file is read. The noise sets a floor: no model
// can get below the noise's own mean square on the test targets (≈ 0.2² = 0.04), printed for scale.
//
//   ./strata samples/sequence.strata.kts

import java.util.Locale
import java.util.Random
import kotlin.math.PI
import kotlin.math.sin

fun f(v: Double) = "%.4f".format(Locale.ROOT, v)

// --- Data: a noisy sine, cut into windows -----------------------------------------------------------
val length = 1200
val window = 20
val period = 40.0
val noiseSd = 0.2
val random = Random(1)
val clean = DoubleArray(length) { t -> sin(2 * PI * t / period) }
val series = DoubleArray(length) { t -> clean[t] + noiseSd * random.nextGaussian() }

val examples = length - window                                           // 1,180 windows
val trainCount = (examples * 0.8).toInt()                                // 944 train, 236 test, in time order
fun windows(from: Int, until: Int): Tensor =
    Tensor.of(DoubleArray((until - from) * window) { series[from + it / window + it % window] }, until - from, window, 1)
fun nextValues(from: Int, until: Int): Tensor = columnOf(*DoubleArray(until - from) { series[from + it + window] })

val xTrain = windows(0, trainCount)
val yTrain = nextValues(0, trainCount)
val xTest = windows(trainCount, examples)
val yTest = nextValues(trainCount, examples)
val noiseFloor = (trainCount until examples).map { val e = series[it + window] - clean[it + window]; e * e }.average()
val lastValue = (trainCount until examples).map { val e = series[it + window] - series[it + window - 1]; e * e }.average()
println("series of $length values, windows of $window: $trainCount train, ${examples - trainCount} test (chronological)")

// --- Models -----------------------------------------------------------------------------------------
val models = linkedMapOf(
    "dense" to sequential(inputShape = intArrayOf(window, 1), name = "dense_baseline", seed = 1) {
        flatten()
        dense(16, activation = relu)
        dense(1)
    },
    "lstm" to sequential(inputShape = intArrayOf(window, 1), name = "lstm", seed = 1) {
        lstm(16)
        dense(1)
    },
    "gru" to sequential(inputShape = intArrayOf(window, 1), name = "gru", seed = 1) {
        gru(16)
        dense(1)
    },
)

// --- Training and test MSE --------------------------------------------------------------------------
val epochs = 50
val testMse = linkedMapOf<String, Double>()
for ((label, net) in models) {
    net.compile(optimizer = adam(lr = 0.005), loss = mse)
    net.printSummary()
    val started = System.nanoTime()
    val history = net.fit(xTrain, yTrain, epochs = epochs, batchSize = 32, verbose = 0)
    val seconds = (System.nanoTime() - started) / 1e9
    testMse[label] = net.evaluate(xTest, yTest).getValue("loss")
    println("%-5s %d epochs in %.1f s; train MSE after epoch 1, 10, 50: %s, %s, %s; test MSE %s".format(Locale.ROOT,
        label, epochs, seconds, f(history["loss"][0]), f(history["loss"][9]), f(history.last("loss")), f(testMse.getValue(label))))
}

// --- Verdict ----------------------------------------------------------------------------------------
val denseMse = testMse.getValue("dense")
println("for scale: the noise itself has mean square ${f(noiseFloor)} on the test targets; repeating the last value scores ${f(lastValue)}")
for (label in listOf("lstm", "gru")) {
    val mseOf = testMse.getValue(label)
    val verdict = if (mseOf < denseMse) "beats" else "DOES NOT beat"
    println("${label.uppercase()} ${f(mseOf)} $verdict the dense baseline ${f(denseMse)} (%+.1f %%)".format(Locale.ROOT,
        100 * (mseOf - denseMse) / denseMse))
}
println("RESULT lstm_mse=${f(testMse.getValue("lstm"))} gru_mse=${f(testMse.getValue("gru"))} dense_mse=${f(denseMse)}")
