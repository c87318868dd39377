// SPEC E3 — decision boundaries over training, seed 001: how a 2-unit hidden layer bends the plane.
// Data: 400 points in 2-D, 200 a class. Reading of "normal distributions with means −1, 0 and 1,
// standard deviation 0.5": three round clusters on the diagonal, at (−1, −1), (0, 0) and (1, 1).
// Class 1 is the middle cluster (200 points); class 0 is the two outer ones (100 points each), so
// no single line separates the classes and the two hidden units must cut two parallel boundaries.
// Network: input → Dense 2 `hidden_1` → Activation relu or tanh `activation_1` → Dense 1 sigmoid;
// Adam; binary cross-entropy; batch 32. Six runs: relu and tanh × learning rates 0.1, 0.01, 0.001,
// each stopping at 200 epochs or once the training loss is ≤ 0.263. After every epoch a frame with
// three panels: the input space with the predicted probability on a 200×200 grid behind the points,
// the points and grid mapped through `hidden_1`, and through `activation_1`; one looping GIF per run
// and its last frame as PNG.
//
//   ./strata samples/decision_boundaries.strata.kts [output directory, default samples/out/decision_boundaries]

import java.nio.file.Files
import java.nio.file.Path
import java.util.Locale
import kotlin.random.Random

val outDir: Path = args.firstOrNull()?.let { Path.of(it) } ?: scriptDir.resolve("out/decision_boundaries")
Files.createDirectories(outDir)

// --- Data: seed 001 ---------------------------------------------------------------------------------
val random = Random(1)
fun gaussian(): Double {                                    // Box–Muller: a standard normal from two uniforms
    val u = 1.0 - random.nextDouble()
    return kotlin.math.sqrt(-2 * kotlin.math.ln(u)) * kotlin.math.cos(2 * Math.PI * random.nextDouble())
}
val means = listOf(-1.0 to 0.0, 1.0 to 0.0, 0.0 to 1.0)    // (mean, class): outer clusters class 0, middle class 1
val counts = listOf(100, 100, 200)
val rows = ArrayList<DoubleArray>()
val labels = ArrayList<Double>()
for ((k, mc) in means.withIndex()) repeat(counts[k]) {
    rows += doubleArrayOf(mc.first + 0.5 * gaussian(), mc.first + 0.5 * gaussian())
    labels += mc.second
}
val x = tensorOf(*rows.toTypedArray())
val y = columnOf(*labels.toDoubleArray())
println("data: ${rows.size} points, ${labels.count { it == 1.0 }} in class 1 (middle cluster), ${labels.count { it == 0.0 }} in class 0")

// --- Six runs -------------------------------------------------------------------------------------
fun f(v: Double) = "%.4f".format(Locale.ROOT, v)
val results = LinkedHashMap<String, Pair<Int, Double>>()
var frames = 0
val started = System.nanoTime()
for (act in listOf("relu", "tanh")) for (lr in listOf(0.1, 0.01, 0.001)) {
    val run = "${act}_$lr"
    val net = sequential(inputShape = intArrayOf(2), name = run, seed = 1) {
        dense(2, name = "hidden_1")
        activation(if (act == "relu") relu else tanh, name = "activation_1")
        dense(1, activation = sigmoid, name = "output")
    }
    net.compile(optimizer = adam(lr = lr), loss = binaryCrossentropy, metrics = listOf(accuracy))
    val animation = decisionBoundaryAnimation(x, y, listOf("hidden_1", "activation_1"),
        gif = outDir.resolve("$run.gif").toString(), lastFrame = outDir.resolve("$run.png").toString())
    val t0 = System.nanoTime()
    val history = net.fit(x, y, epochs = 200, batchSize = 32, verbose = 0,
        callbacks = listOf(thresholdStop(monitor = "loss", threshold = 0.263), animation))
    results[run] = history.epochs() to history.last("loss")
    frames += animation.frames
    println("$run: ${history.epochs()} epochs, loss ${f(history.last("loss"))}, accuracy ${f(history.last("accuracy"))}, " +
        "${animation.frames} frames in %.1f s → ${outDir.resolve("$run.gif")}".format(Locale.ROOT, (System.nanoTime() - t0) / 1e9))
}
println("all six runs in %.1f s".format(Locale.ROOT, (System.nanoTime() - started) / 1e9))
println("RESULT runs=${results.size} frames=$frames " +
    results.entries.joinToString(" ") { (run, r) -> "${run}_epochs=${r.first} ${run}_loss=${f(r.second)}" })
