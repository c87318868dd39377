// Benchmark (not a test): training the SPEC E10 network from a CSV pipeline with prefetch against
// training it from in-memory arrays, same model, batch size and rows, interleaved rounds in one JVM.
// The pipeline reads and preprocesses the CSV once (`cache()`), then shuffles and batches every epoch
// on a background dispatcher; the arrays were prepared once. Prints seconds per epoch (min and median) and the ratio.
//
//   ./strata bench/pipeline.strata.kts [rounds]        (default 25 rounds)

import java.nio.file.Path
import java.time.LocalDate
import kotlinx.coroutines.flow.map
import java.util.Locale
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.runBlocking

val rounds = args.firstOrNull()?.toInt() ?: 25
val predictors = listOf(
    "Present_Tmax", "Present_Tmin", "LDAPS_RHmin", "LDAPS_RHmax", "LDAPS_Tmax_lapse", "LDAPS_Tmin_lapse",
    "LDAPS_WS", "LDAPS_LH", "LDAPS_CC1", "LDAPS_CC2", "LDAPS_CC3", "LDAPS_CC4",
    "LDAPS_PPT1", "LDAPS_PPT2", "LDAPS_PPT3", "LDAPS_PPT4", "lat", "lon", "DEM", "Slope", "Solar radiation",
)
val inputs = predictors + "day_of_year"                                    // 22 inputs, as in the E10 sample
val options = CsvOptions.defaults().withText("station", "Date").withDropRowsWhereMissing("station").withMissing(MissingValues.keep())
val rows = csvSource(scriptDir.resolve("../samples/data/bias_correction_ucl.csv").normalize(), options)
    .map { it.with("day_of_year", LocalDate.parse(it.text("Date")).dayOfYear.toDouble()) }
val prep = preprocessing {
    dropMissing("Next_Tmax", "Next_Tmin")
    fillMedian(*predictors.toTypedArray())
    standardize(*inputs.toTypedArray())
}.fit(rows)
val features = features {
    input("x", *inputs.toTypedArray())
    target("max_temp", "Next_Tmax")
    target("min_temp", "Next_Tmin")
}
// Read and preprocessed once, then replayed from memory; reshuffled every epoch, batched ahead on a background thread.
val pipeline = rows.preprocess(prep).cache().shuffle(bufferSize = 8_000, seed = 1).batch(32, features).prefetch()

// The same rows, preprocessed once, as arrays.
val examples = runBlocking { rows.preprocess(prep).toList() }
val x = Tensor.of(Array(examples.size) { r -> FloatArray(inputs.size) { c -> examples[r][inputs[c]].toFloat() } })
val y = mapOf(
    "max_temp" to Tensor.of(Array(examples.size) { r -> floatArrayOf(examples[r]["Next_Tmax"].toFloat()) }),
    "min_temp" to Tensor.of(Array(examples.size) { r -> floatArrayOf(examples[r]["Next_Tmin"].toFloat()) }),
)

fun network(name: String) = model(name = name, seed = 1) {
    val input = input("x", inputs.size)
    var h = dense(256, activation = relu)(input)
    h = dense(128, activation = relu)(h)
    h = dense(64, activation = relu)(h)
    h = dense(32, activation = relu)(h)
    output("max_temp", dense(1)(h))
    output("min_temp", dense(1)(h))
}.also { it.compile(optimizer = adam(lr = 1e-4), loss = mse) }

val fromArrays = network("arrays")
val fromPipeline = network("pipeline")
fun seconds(block: () -> Unit): Double { val t = System.nanoTime(); block(); return (System.nanoTime() - t) / 1e9 }
// Three warm-up epochs each (the JIT is still compiling the pipeline's code after one), then interleaved timed epochs.
fromArrays.fit(x, y, epochs = 3, batchSize = 32, verbose = 0)
fromPipeline.fit(pipeline, epochs = 3, verbose = 0)
val arrayTimes = mutableListOf<Double>()
val pipelineTimes = mutableListOf<Double>()
repeat(rounds) {
    arrayTimes += seconds { fromArrays.fit(x, y, epochs = 1, batchSize = 32, verbose = 0) }
    pipelineTimes += seconds { fromPipeline.fit(pipeline, epochs = 1, verbose = 0) }
}
fun median(v: List<Double>) = v.sorted()[v.size / 2]
val ratio = median(pipelineTimes) / median(arrayTimes)
println("rows per epoch: ${examples.size}, batch 32, $rounds timed rounds")
println("arrays:   min %.3f s, median %.3f s per epoch, %.0f samples/s".format(Locale.ROOT, arrayTimes.min(), median(arrayTimes), examples.size / median(arrayTimes)))
println("pipeline: min %.3f s, median %.3f s per epoch, %.0f samples/s".format(Locale.ROOT, pipelineTimes.min(), median(pipelineTimes), examples.size / median(pipelineTimes)))
println("RESULT pipeline_over_arrays=%.3f arrays_s=%.3f pipeline_s=%.3f".format(Locale.ROOT, ratio, median(arrayTimes), median(pipelineTimes)))
