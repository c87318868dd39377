// SPEC E4 — an explained classifier: a deep net on tabular features (Dense relu with Dropout 0.2, two
// hidden layers, a sigmoid output), its accuracy, precision, recall and F1 on held-out rows, and a
// per-feature attribution for one prediction (gradient × input, by autodiff through the trained
// network), explained again by Kernel SHAP against 100 training rows (exact: 2⁶ coalitions) and drawn
// as shap's bar chart, with the network drawn neuron by neuron for that row (samples/out/
// explained_classifier_shap.png, explained_classifier_neurons.png). Then a single perceptron with a
// step activation on three inputs.
// Data: generated (no file): 6 standardized features of which only the first three drive the label,
// P(y = 1) = σ(2·income − 1.5·debt + 1·tenure), so the attributions can be checked.
//
//   ./strata samples/explained_classifier.strata.kts

import dev.strata.inspect.KernelShap
import java.util.Locale
import kotlin.math.abs
import kotlin.math.exp

val names = listOf("income", "debt", "tenure", "noise_a", "noise_b", "noise_c")
val weights = doubleArrayOf(2.0, -1.5, 1.0, 0.0, 0.0, 0.0)
val random = java.util.SplittableRandom(4)
fun gaussian() = random.nextGaussian()
val rows = 4000
val features = Array(rows) { DoubleArray(names.size) { gaussian() } }
val labels = DoubleArray(rows) { r ->
    val score = features[r].indices.sumOf { weights[it] * features[r][it] }
    if (random.nextDouble() < 1 / (1 + exp(-score))) 1.0 else 0.0
}
val train = 0 until 3200
val test = 3200 until rows
fun x(range: IntRange) = Tensor.of(Array(range.count()) { features[range.first + it].map(Double::toFloat).toFloatArray() })
fun y(range: IntRange) = Tensor.of(Array(range.count()) { floatArrayOf(labels[range.first + it].toFloat()) })

val net = sequential(inputShape = intArrayOf(names.size), name = "explained", seed = 2) {
    dense(32, activation = relu, name = "hidden_1")
    dropout(0.2)
    dense(16, activation = relu, name = "hidden_2")
    dropout(0.2)
    dense(1, activation = sigmoid, name = "approve")
}
net.compile(optimizer = adam(lr = 1e-3), loss = binaryCrossentropy, metrics = listOf(accuracy, precision, recall, f1))
net.printSummary()
net.fit(x(train), y(train), epochs = 30, batchSize = 64, verbose = 0)
val scores = net.evaluate(x(test), mapOf("approve" to y(test)))
println("test: " + listOf("accuracy", "precision", "recall", "f1").joinToString(", ") { "%s %.3f".format(Locale.ROOT, it, scores.getValue(it)) })

// Gradient × input for one test row: how much each feature moved this prediction away from an all-zero (average) row.
val row = test.first
val one = Tensor.of(arrayOf(features[row].map(Double::toFloat).toFloatArray()))
val probability = net.predict(one).toDoubleArray()[0]
val gradients = net.inputGradients(one).toDoubleArray()
val attributions = DoubleArray(names.size) { gradients[it] * features[row][it] }
println("row $row: P(approve) = %.3f; gradient × input per feature:".format(Locale.ROOT, probability))
val longest = attributions.maxOf { abs(it) }
for (i in names.indices.sortedByDescending { abs(attributions[it]) }) {
    val bar = "#".repeat((20 * abs(attributions[i]) / longest).toInt())
    println("  %-8s %6.2f  %+.4f %s%s".format(Locale.ROOT, names[i], features[row][i], attributions[i], if (attributions[i] < 0) "-" else "+", bar))
}
// Kernel SHAP for the same row, against a background of 100 training rows; the bars sum to f(x) − E f(background).
val shap = KernelShap.of(net, x(0 until 100)).explain(one)
println("Kernel SHAP: base value %.4f, prediction %.4f, contributions %s".format(Locale.ROOT, shap.baseValue(), shap.prediction(),
    names.indices.joinToString(", ") { "%s %+.4f".format(Locale.ROOT, names[it], shap.contributions()[it]) }))
val pictures = scriptDir.resolve("out")
plotAttributions(shap, names, pictures.resolve("explained_classifier_shap.png").toString(), title = "row $row")
drawNeurons(net, one, pictures.resolve("explained_classifier_neurons.png").toString())
println("drew the SHAP bars and the network for row $row into $pictures")

// Over the whole test set, the informative features must carry most of the attribution.
val all = net.inputGradients(x(test)).toDoubleArray()
val share = DoubleArray(names.size) { f -> test.sumOf { r -> abs(all[(r - test.first) * names.size + f] * features[r][f]) } }
val informativeShare = (share[0] + share[1] + share[2]) / share.sum()
println("mean |gradient × input| share of income, debt and tenure over the test rows: %.3f".format(Locale.ROOT, informativeShare))

// A single perceptron with a step activation: weights set by hand, a majority vote of three binary inputs.
val perceptron = sequential(inputShape = intArrayOf(3), name = "perceptron") {
    dense(1, activation = binaryStep, name = "vote", kernelInitializer = values(1.0, 1.0, 1.0), biasInitializer = constant(-1.5))
}
var perceptronCorrect = 0
for (bits in 0 until 8) {
    val inputs = FloatArray(3) { ((bits shr (2 - it)) and 1).toFloat() }
    val out = perceptron.predict(Tensor.of(arrayOf(inputs))).toDoubleArray()[0]
    val majority = if (inputs.sum() >= 2) 1.0 else 0.0
    if (out == majority) perceptronCorrect++
    println("perceptron %s -> %.0f (majority %.0f)".format(Locale.ROOT, inputs.joinToString(" ") { it.toInt().toString() }, out, majority))
}
println("RESULT accuracy=%.4f precision=%.4f recall=%.4f f1=%.4f informative_share=%.3f perceptron_correct=%d".format(Locale.ROOT,
    scores.getValue("accuracy"), scores.getValue("precision"), scores.getValue("recall"), scores.getValue("f1"), informativeShare, perceptronCorrect))
