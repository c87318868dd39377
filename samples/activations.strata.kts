// SPEC E1 — activation functions and their gradients on [−2, 2]: sigmoid, tanh, relu, elu and leaky
// relu (α = 0.2). Values come from a one-layer model (an Activation layer, as a network computes them),
// gradients from reverse-mode autodiff; both are checked against the closed forms. The table is
// printed and written as CSV (x, then f and f' per function) for any plotting tool, and drawn as a
// figure: the five functions in one panel, their derivatives in the next (samples/out/activations.png).
//
//   ./strata samples/activations.strata.kts [out.csv]

import java.nio.file.Files
import java.nio.file.Path
import java.util.Locale
import kotlin.math.abs
import kotlin.math.exp
import kotlin.math.max
import kotlin.math.tanh

val functions = linkedMapOf(
    "sigmoid" to sigmoid, "tanh" to tanh, "relu" to relu, "elu" to elu, "leaky_relu" to leakyRelu(0.2),
)
fun sig(x: Double) = 1 / (1 + exp(-x))
val closedForm: Map<String, Pair<(Double) -> Double, (Double) -> Double>> = mapOf(
    "sigmoid" to ({ x: Double -> sig(x) } to { x: Double -> sig(x) * (1 - sig(x)) }),
    "tanh" to ({ x: Double -> tanh(x) } to { x: Double -> 1 - tanh(x) * tanh(x) }),
    "relu" to ({ x: Double -> max(x, 0.0) } to { x: Double -> if (x > 0) 1.0 else 0.0 }),
    "elu" to ({ x: Double -> if (x > 0) x else exp(x) - 1 } to { x: Double -> if (x > 0) 1.0 else exp(x) }),
    "leaky_relu" to ({ x: Double -> if (x > 0) x else 0.2 * x } to { x: Double -> if (x > 0) 1.0 else 0.2 }),
)

// 81 points, none exactly at 0 where relu's derivative is a convention.
val xs = DoubleArray(81) { -2.0 + 4.0 * it / 80 + 1e-9 }
val values = LinkedHashMap<String, DoubleArray>()
val gradients = LinkedHashMap<String, DoubleArray>()
var worst = 0.0
for ((name, function) in functions) {
    val layer = sequential(inputShape = intArrayOf(1), name = name, dtype = DType.FLOAT64) { activation(function) }
    values[name] = layer.predict(Tensor.of(xs, xs.size, 1)).toDoubleArray()
    gradients[name] = gradient(xs) { x -> function.apply(x).sum() }     // element-wise: d(Σ f)/dx_i = f'(x_i)
    val (f, df) = closedForm.getValue(name)
    for (i in xs.indices) worst = maxOf(worst, abs(values.getValue(name)[i] - f(xs[i])), abs(gradients.getValue(name)[i] - df(xs[i])))
}

println("     x " + functions.keys.joinToString("") { "%22s".format(Locale.ROOT, "$it (f, f')") })
for (i in xs.indices step 10) {
    println("%6.2f ".format(Locale.ROOT, xs[i]) + functions.keys.joinToString("") {
        "%11.4f%11.4f".format(Locale.ROOT, values.getValue(it)[i], gradients.getValue(it)[i])
    })
}
val out = Path.of(args.firstOrNull() ?: Files.createTempFile("activations", ".csv").toString())
Files.write(out, listOf("x," + functions.keys.joinToString(",") { "$it,d_$it" }) + xs.indices.map { i ->
    "%.6f,".format(Locale.ROOT, xs[i]) + functions.keys.joinToString(",") { "%.6f,%.6f".format(Locale.ROOT, values.getValue(it)[i], gradients.getValue(it)[i]) }
})
println("wrote ${xs.size} rows to $out")
val figure = scriptDir.resolve("out/activations.png")
plotFunctions(xs, values, gradients, figure.toString(), title = "activation functions on [−2, 2]")
println("drew $figure")
println("RESULT max_error=%.2e functions=%d points=%d".format(Locale.ROOT, worst, functions.size, xs.size))
