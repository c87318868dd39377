// SPEC E10 — temperature bias correction: one network, two outputs.
// Next-day maximum and minimum air temperature (`max_temp` ← Next_Tmax, `min_temp` ← Next_Tmin, °C)
// from 22 inputs: the file's 21 predictors (present-day Tmax/Tmin, the LDAPS numerical forecast's
// humidity, lapse-rate temperatures, wind, latent heat, cloud cover 1–4, precipitation 1–4, and the
// station's lat, lon, elevation (DEM), slope and solar radiation) plus day_of_year, derived from Date.
// Network 22 → 256 → 128 → 64 → 32 relu → two linear heads; Adam; MSE with an RMSE metric per output
// and per-output training curves (early stopping on the validation loss, best weights kept); then the
// same network with a custom RMSE loss in a shorter run.
// Data: samples/data/bias_correction_ucl.csv, UCI "Bias correction of numerical prediction model
// temperature forecast" (Cho et al. 2020, CC BY 4.0): 25 Seoul stations, 62 summer days
// (June 30 – August 30) a year, 2013–2017, read by a coroutine CSV pipeline.
//
// Choices:
//  - the two summary rows at the end (column minima and maxima, empty station and Date) are dropped
//    while reading; missing cells (written NaN) are kept as NaN and then resolved by preprocessing:
//    rows without a target are dropped, missing predictors take the training rows' median;
//  - split by date: 2013–2015 train, 2016 validation (the curves), 2017 test (the last 20 %);
//  - the 22 inputs are standardized with means and deviations of the training rows; the targets stay
//    in °C (the heads start at the training means), so losses are °C² and RMSEs °C.
//
//   ./strata samples/temperature.strata.kts

import java.time.LocalDate
import java.util.Locale
import kotlin.math.sqrt
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.runBlocking

fun f(v: Double, digits: Int = 3) = "%.${digits}f".format(Locale.ROOT, v)

// --- Data: a CSV pipeline --------------------------------------------------------------------------
val predictors = listOf(
    "Present_Tmax", "Present_Tmin", "LDAPS_RHmin", "LDAPS_RHmax", "LDAPS_Tmax_lapse", "LDAPS_Tmin_lapse",
    "LDAPS_WS", "LDAPS_LH", "LDAPS_CC1", "LDAPS_CC2", "LDAPS_CC3", "LDAPS_CC4",
    "LDAPS_PPT1", "LDAPS_PPT2", "LDAPS_PPT3", "LDAPS_PPT4", "lat", "lon", "DEM", "Slope", "Solar radiation",
)
val inputs = predictors + "day_of_year"                                   // 22 inputs
val options = CsvOptions.defaults()
    .withText("station", "Date")
    .withDropRowsWhereMissing("station")                                   // the min/max summary rows
    .withMissing(MissingValues.keep())                                     // NaN cells stay NaN, for preprocessing
val rows = csvSource(scriptDir.resolve("data/bias_correction_ucl.csv"), options)
    .map { it.with("day_of_year", LocalDate.parse(it.text("Date")).dayOfYear.toDouble()) }
val (train, validation, test) = rows.splitBy(
    isTrain = { it.text("Date") < "2016-01-01" },                          // ISO dates compare as text
    isValidation = { it.text("Date") < "2017-01-01" },
)

val prep = preprocessing {
    dropMissing("Next_Tmax", "Next_Tmin")                                  // a row without targets teaches nothing
    fillMedian(*predictors.toTypedArray())                                 // medians of the training rows
    standardize(*inputs.toTypedArray())                                    // fitted on the training rows only
}.fit(train)
val features = features {
    input("x", *inputs.toTypedArray())
    target("max_temp", "Next_Tmax")
    target("min_temp", "Next_Tmin")
}

/** The (Next_Tmax, Next_Tmin) pairs of the rows that survive preprocessing. */
fun targets(part: Flow<Example>): List<Pair<Double, Double>> =
    runBlocking { part.preprocess(prep).map { it["Next_Tmax"] to it["Next_Tmin"] }.toList() }
val trainTargets = targets(train)
val testTargets = targets(test)
val meanMax = trainTargets.map { it.first }.average()
val meanMin = trainTargets.map { it.second }.average()
// Baselines: the test RMSE of predicting the training mean for every test day.
fun rmseOf(errors: List<Double>) = sqrt(errors.sumOf { it * it } / errors.size)
val baselineMax = rmseOf(testTargets.map { it.first - meanMax })
val baselineMin = rmseOf(testTargets.map { it.second - meanMin })
println("rows: ${trainTargets.size} train (2013–2015), ${targets(validation).size} validation (2016), " +
    "${testTargets.size} test (2017), after dropping rows without targets")

// --- Model: 22 → 256 → 128 → 64 → 32 relu → max_temp, min_temp -------------------------------------
fun temperatureModel(name: String) = model(name = name, seed = 1) {
    val x = input("x", inputs.size)
    var h = dense(256, activation = relu, name = "dense_256")(x)
    h = dense(128, activation = relu, name = "dense_128")(h)
    h = dense(64, activation = relu, name = "dense_64")(h)
    h = dense(32, activation = relu, name = "dense_32")(h)
    // Heads start at the training means, so the first epochs need not learn a bias of ~30 °C.
    output("max_temp", dense(1, name = "max_temp_out", biasInitializer = constant(meanMax))(h))
    output("min_temp", dense(1, name = "min_temp_out", biasInitializer = constant(meanMin))(h))
}
val trainBatches = train.preprocess(prep).shuffle(bufferSize = 5_000, seed = 1).batch(32, features).prefetch()
val validationBatches = validation.preprocess(prep).batch(512, features)
val testBatches = test.preprocess(prep).batch(512, features)

val net = temperatureModel("temperature")
net.compile(optimizer = adam(lr = 1e-4), loss = mse, metrics = listOf(rmse))   // MSE and RMSE for each output
net.printSummary()

// The years differ more than the days of one year: validation error stops improving after a few
// epochs while the training loss keeps falling, so stop then and keep the best epoch's weights.
val stopping = earlyStopping(monitor = "val_loss", patience = 5, restoreBestWeights = true)
var started = System.nanoTime()
val history = net.fit(trainBatches, epochs = 40, validation = validationBatches, callbacks = listOf(stopping), verbose = 0)
println("MSE run: ${history.epochs()} epochs in ${f((System.nanoTime() - started) / 1e9, 1)} s, best val_loss at epoch " +
    "${stopping.bestEpoch() + 1} (weights restored); per-output curves (losses °C², RMSE °C):")
println("epoch  max_temp_loss  min_temp_loss  val_max_temp_rmse  val_min_temp_rmse")
for (e in 0 until history.epochs()) {
    println("%5d  %13.3f  %13.3f  %17.3f  %17.3f".format(Locale.ROOT, e + 1, history["max_temp_loss"][e],
        history["min_temp_loss"][e], history["val_max_temp_rmse"][e], history["val_min_temp_rmse"][e]))
}
val scores = net.evaluate(testBatches)
val rmseMax = scores.getValue("max_temp_rmse")
val rmseMin = scores.getValue("min_temp_rmse")
println("test (2017): max_temp RMSE ${f(rmseMax)} °C vs ${f(baselineMax)} for the training mean; " +
    "min_temp RMSE ${f(rmseMin)} °C vs ${f(baselineMin)}")

// --- The same network with a custom loss: RMSE written as an expression ----------------------------
// Each batch's loss is the RMSE of that batch, so the History's epoch loss (a mean over batches) is
// close to, but not exactly, the epoch's RMSE.
val rmseLoss = customLoss("rmse") { yTrue, yPred -> (yTrue - yPred).square().mean().sqrt() }
val rmseNet = temperatureModel("temperature_rmse_loss")
rmseNet.compile(optimizer = adam(lr = 1e-4), loss = rmseLoss, metrics = listOf(rmse))
started = System.nanoTime()
val rmseHistory = rmseNet.fit(trainBatches, epochs = 6, validation = validationBatches, verbose = 0)
val rmseScores = rmseNet.evaluate(testBatches)
println("custom RMSE loss: 6 epochs in ${f((System.nanoTime() - started) / 1e9, 1)} s; the loss is now in °C:")
println("epoch  max_temp_loss  min_temp_loss  val_max_temp_loss  val_min_temp_loss")
for (e in 0 until rmseHistory.epochs()) {
    println("%5d  %13.3f  %13.3f  %17.3f  %17.3f".format(Locale.ROOT, e + 1, rmseHistory["max_temp_loss"][e],
        rmseHistory["min_temp_loss"][e], rmseHistory["val_max_temp_loss"][e], rmseHistory["val_min_temp_loss"][e]))
}
println("custom RMSE loss, test (2017): max_temp RMSE ${f(rmseScores.getValue("max_temp_rmse"))} °C, " +
    "min_temp RMSE ${f(rmseScores.getValue("min_temp_rmse"))} °C")
println("RESULT rmse_max_temp=${f(rmseMax, 4)} rmse_min_temp=${f(rmseMin, 4)} " +
    "baseline_max_temp=${f(baselineMax, 4)} baseline_min_temp=${f(baselineMin, 4)}")
