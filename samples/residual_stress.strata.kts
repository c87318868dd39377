// SPEC E11 — residual stress of a brazed joint, and process optimisation with the trained model.
// Data: samples/data/brazing_residual_stress.csv, the 27-run L27 orthogonal-array simulation table
// for FC-0208/304 brazed joints from a deep-learning course chapter: filler thickness (µm), brazing
// temperature (°C), hold time (min) and cooling rate (°C/min) → three stress columns. This sample
// models the first, stress_max_mpa (the maximum residual stress, MPa).
//
// Inputs are min–max scaled to [0, 1] on the table; the stress is min–max scaled too for training
// (with Adam at 1e-3 a raw target near 500 MPa would take tens of thousands of steps to reach) and
// mapped back to MPa for every prediction. Network 4 → 4 → 3 → 1 linear with relu hidden layers;
// Adam 1e-3; EarlyStopping(monitor loss, minDelta 1e-8, patience 3). Then Apache Commons Math's
// BOBYQA, a bound-constrained derivative-free optimiser, searches the process window
// (thickness 50–150, temperature 1090–1150, hold 20–40, cooling 3–7) for the settings that
// minimise the predicted stress, with the trained network as the objective.
//
//   ./strata samples/residual_stress.strata.kts

import java.util.Locale
import org.apache.commons.math3.analysis.MultivariateFunction
import org.apache.commons.math3.optim.InitialGuess
import org.apache.commons.math3.optim.MaxEval
import org.apache.commons.math3.optim.SimpleBounds
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer

val factors = arrayOf("thickness_um", "temperature_c", "hold_min", "cooling_c_per_min")
val target = "stress_max_mpa"
val table = CsvReader.read(scriptDir.resolve("data/brazing_residual_stress.csv"))
println("read $table; modelling $target")

val xScaler = MinMaxScaler.fit(table.toMatrix(*factors))
val yScaler = MinMaxScaler.fit(table.toMatrix(target))
val x = Tensor.of(xScaler.transform(table.toMatrix(*factors))).to(DType.FLOAT64)
val y = Tensor.of(yScaler.transform(table.toMatrix(target))).to(DType.FLOAT64)

val net = sequential(inputShape = intArrayOf(4), name = "residual_stress", seed = 3, dtype = DType.FLOAT64) {
    dense(4, activation = relu, name = "hidden_1")
    dense(3, activation = relu, name = "hidden_2")
    dense(1, name = "stress")                                             // linear
}
net.compile(optimizer = adam(lr = 1e-3), loss = mse)
val stop = earlyStopping(monitor = "loss", minDelta = 1e-8, patience = 3)
// All 27 runs in one batch per epoch; training ends when the loss stops improving by 1e-8.
val history = net.fit(x, y, epochs = 20_000, batchSize = 32, shuffle = false, callbacks = listOf(stop), verbose = 0)
net.printLayerDetails()

/** Predicted stress in MPa for raw settings (thickness µm, temperature °C, hold min, cooling °C/min). */
fun predictedStress(settings: DoubleArray): Double {
    val scaled = xScaler.transform(arrayOf(FloatArray(4) { settings[it].toFloat() }))
    val y01 = net.predict(Tensor.of(scaled).to(DType.FLOAT64)).item()
    return yScaler.inverseTransform(arrayOf(floatArrayOf(y01.toFloat())))[0][0].toDouble()
}

val fitted = table.column(target).indices.map { predictedStress(DoubleArray(4) { j -> table.get(it, factors[j]) }) }
val rmseMpa = kotlin.math.sqrt(fitted.indices.sumOf { (fitted[it] - table.get(it, target)).let { d -> d * d } } / fitted.size)
println("trained %d epochs (early stopping: %s); loss %.3e; RMSE on the 27 runs %.2f MPa".format(Locale.ROOT,
    history.epochs(), if (stop.stoppedEpoch() >= 0) "stopped at epoch ${stop.stoppedEpoch() + 1}" else "did not stop",
    history.last("loss"), rmseMpa))

// The process window, in raw units.
val lower = doubleArrayOf(50.0, 1090.0, 20.0, 3.0)
val upper = doubleArrayOf(150.0, 1150.0, 40.0, 7.0)
// BOBYQA works best on variables of one scale: it searches u in [0, 1]⁴, settings = lower + u·(upper − lower).
fun settingsOf(u: DoubleArray) = DoubleArray(4) { lower[it] + u[it] * (upper[it] - lower[it]) }
var evaluations = 0
val objective = MultivariateFunction { u -> evaluations++; predictedStress(settingsOf(u)) }
val optimum = BOBYQAOptimizer(2 * 4 + 1, 0.1, 1e-8).optimize(
    MaxEval(2_000),
    ObjectiveFunction(objective),
    GoalType.MINIMIZE,
    InitialGuess(DoubleArray(4) { 0.5 }),                                  // the centre of the window
    SimpleBounds(DoubleArray(4) { 0.0 }, DoubleArray(4) { 1.0 }),
)
val best = settingsOf(optimum.point)
val bestStress = optimum.value
println("BOBYQA: %d evaluations of the network".format(Locale.ROOT, evaluations))
println("lowest predicted stress %.2f MPa at thickness %.1f µm, temperature %.1f °C, hold %.1f min, cooling %.2f °C/min"
    .format(Locale.ROOT, bestStress, *best.toTypedArray()))
val bestRun = (0 until table.rows()).minByOrNull { table.get(it, target) }!!
println("for comparison, the lowest stress in the table: %.1f MPa (run %d: %s)".format(Locale.ROOT,
    table.get(bestRun, target), table.get(bestRun, "run").toInt(), factors.joinToString { "$it ${table.get(bestRun, it)}" }))

println("RESULT thickness=%.2f temperature=%.2f hold=%.2f cooling=%.3f predicted_stress=%.3f"
    .format(Locale.ROOT, best[0], best[1], best[2], best[3], bestStress))
