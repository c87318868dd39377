// SPEC E6 — curve fit: y = x·sin(10πx) + 2 from 1,000 points drawn uniformly on [−1, 2]; five Dense 128
// relu and a linear output; Adam lr 5e-4; MSE. Training stops as soon as the fit is good — the MSE on a
// dense grid of 3,000 points over [−1, 2] at most 0.01 (R² ≈ 0.98 against the curve's variance of ≈ 0.5)
// — and the sample reports the time and epochs that took, and the fit at a few points. The fit is drawn
// over the data points (samples/out/curve_fit.png).
//
//   ./strata samples/curve_fit.strata.kts [maxEpochs]

import java.util.Locale
import kotlin.math.PI
import kotlin.math.sin

fun curve(x: Double) = x * sin(10 * PI * x) + 2

val random = java.util.SplittableRandom(6)
val xs = DoubleArray(1000) { random.nextDouble(-1.0, 2.0) }
val grid = DoubleArray(3000) { -1.0 + 3.0 * it / 2999 }
val x = Tensor.of(xs.map { floatArrayOf(it.toFloat()) }.toTypedArray())
val y = Tensor.of(xs.map { floatArrayOf(curve(it).toFloat()) }.toTypedArray())
val xGrid = Tensor.of(grid.map { floatArrayOf(it.toFloat()) }.toTypedArray())
val yGrid = Tensor.of(grid.map { floatArrayOf(curve(it).toFloat()) }.toTypedArray())

val net = sequential(inputShape = intArrayOf(1), name = "curve", seed = 1) {
    repeat(5) { dense(128, activation = relu) }
    dense(1, name = "y")
}
net.compile(optimizer = adam(lr = 5e-4), loss = mse)
net.printSummary()

val goodFit = 0.01
val maxEpochs = args.firstOrNull()?.toInt() ?: 2000
var started = 0L
val history = net.fit(
    x, y, epochs = maxEpochs, batchSize = 32, validationData = xGrid to yGrid, verbose = 0,
    callbacks = listOf(
        lambdaCallback(
            onTrainBegin = { started = System.nanoTime() },
            onEpochEnd = { epoch, logs ->
                if ((epoch + 1) % 50 == 0) println("epoch %4d: loss %.5f, grid MSE %.5f".format(Locale.ROOT, epoch + 1, logs["loss"], logs["val_loss"]))
            },
        ),
        thresholdStop(monitor = "val_loss", threshold = goodFit),
    ),
)
val seconds = (System.nanoTime() - started) / 1e9
val gridMse = history.last("val_loss")
println("grid MSE %.5f after %d epochs, %.1f s (%.1f ms per epoch of %d rows)".format(
    Locale.ROOT, gridMse, history.epochs(), seconds, 1000 * seconds / history.epochs(), xs.size))
val fitted = net.predict(xGrid).toDoubleArray()
for (i in listOf(0, 500, 1000, 1500, 2000, 2500, 2999)) {
    println("x %6.3f: curve %7.4f, fit %7.4f".format(Locale.ROOT, grid[i], curve(grid[i]), fitted[i]))
}
val figure = scriptDir.resolve("out/curve_fit.png")
plotFit(xs, xs.map(::curve).toDoubleArray(), grid, fitted, figure.toString(),   // the data lie on the curve: no separate truth line
    title = "y = x·sin(10πx) + 2: fit after %d epochs (grid MSE %.4f)".format(Locale.ROOT, history.epochs(), gridMse))
println("drew $figure")
println("RESULT grid_mse=%.5f epochs=%d seconds=%.1f good_fit=%b".format(Locale.ROOT, gridMse, history.epochs(), seconds, gridMse <= goodFit))
