// Bring your Keras model: imports a Keras .h5 file (hls4ml's one-layer Conv1D, with the inputs Keras
// was given and the predictions it made), prints its summary, predicts and compares with Keras,
// saves it as .strata, loads it back and checks the reloaded model predicts the same numbers.
//
//   ./strata samples/keras_import.strata.kts

import dev.strata.ops.Tensor
import java.nio.file.Files
import kotlin.math.abs
import kotlin.math.max

val data = scriptDir.resolve("data/keras")
val model = importKeras(data.resolve("conv1d_1layer.h5"))
println(model.summary())

fun rows(name: String): List<DoubleArray> = Files.readAllLines(data.resolve(name)).map { it.trim() }.filter { it.isNotEmpty() }
    .map { line -> line.split(Regex("\\s+")).map { it.toDouble() }.toDoubleArray() }

val inputs = rows("tb_input_features.dat")
val expected = rows("tb_output_predictions.dat").flatMap { it.toList() }
val inShape = model.graph().nodes()[model.graph().inputs().values.first()].shape()
val x = Tensor.of(inputs.flatMap { it.toList() }.toDoubleArray(), inputs.size, *inShape)
val predicted = model.predict(x).toDoubleArray()
var kerasError = 0.0
for (i in expected.indices) kerasError = max(kerasError, abs(predicted[i] - expected[i]) / max(1.0, abs(expected[i])))
println("predicted ${inputs.size} samples; largest difference from Keras's own predictions: $kerasError")

val saved = Files.createTempFile("keras_import", ".strata")
model.save(saved)
val reloaded = dev.strata.model.Model.load(saved)
val again = reloaded.predict(x).toDoubleArray()
var reloadError = 0.0
for (i in again.indices) reloadError = max(reloadError, abs(again[i] - predicted[i]))
Files.deleteIfExists(saved)
println("saved as .strata and reloaded: largest difference $reloadError")
println("RESULT samples=${inputs.size} keras_max_error=$kerasError reload_max_error=$reloadError")
