// SPEC E5 — the Keras walkthrough ("Getting started with the Keras Sequential model"), in Strata.
// Binary and 10-class classifiers on random data (Dense 32 relu, then sigmoid or softmax, rmsprop),
// an MLP with Dropout 0.5 and SGD(lr 0.01, decay 1e-6, momentum 0.9, Nesterov), a custom metric
// (the mean of the predictions), and save/load. The data are random numbers, as in the walkthrough
// (seeded here), so accuracies near chance on held-out data are the expected outcome.
//
//   ./strata samples/keras_walkthrough.strata.kts

import java.nio.file.Files
import java.util.Locale
import java.util.Random

val random = Random(42)
fun randomMatrix(rows: Int, cols: Int): Tensor = Array(rows) { DoubleArray(cols) { random.nextDouble() } }.toTensor()
fun randomLabels(rows: Int, classes: Int): IntArray = IntArray(rows) { random.nextInt(classes) }
fun f(v: Double) = "%.4f".format(Locale.ROOT, v)

// --- 1. A binary classifier: 100 features → Dense 32 relu → Dense 1 sigmoid, rmsprop --------------
// With a custom metric: Keras's `def mean_pred(y_true, y_pred): return K.mean(y_pred)`.
val meanPred = customMetric("mean_pred") { _, yPred -> yPred.mean() }

val binary = sequential(name = "binary", seed = 1) {
    dense(32, activation = relu, inputDim = 100)
    dense(1, activation = sigmoid)
}
binary.compile(optimizer = rmsprop(), loss = binaryCrossentropy, metrics = listOf(accuracy, meanPred))
val xBinary = randomMatrix(1000, 100)
val yBinary = columnOf(*randomLabels(1000, 2).map { it.toDouble() }.toDoubleArray())
val binaryHistory = binary.fit(xBinary, yBinary, epochs = 10, batchSize = 32, verbose = 0)
println("binary: loss ${f(binaryHistory.last("loss"))}, accuracy ${f(binaryHistory.last("accuracy"))}, " +
    "mean_pred ${f(binaryHistory.last("mean_pred"))}")

// --- 2. A 10-class classifier: Dense 32 relu → Dense 10 softmax, one-hot labels --------------------
val categorical = sequential(name = "categorical", seed = 2) {
    dense(32, activation = relu, inputDim = 100)
    dense(10, activation = softmax)
}
categorical.compile(optimizer = rmsprop(), loss = categoricalCrossentropy, metrics = listOf(accuracy))
val xCategorical = randomMatrix(1000, 100)
val yCategorical = Tensor.of(OneHot.toCategorical(randomLabels(1000, 10), 10))   // Keras's to_categorical
val categoricalHistory = categorical.fit(xCategorical, yCategorical, epochs = 10, batchSize = 32, verbose = 0)
println("10-class: loss ${f(categoricalHistory.last("loss"))}, accuracy ${f(categoricalHistory.last("accuracy"))}")

// --- 3. MLP for multi-class softmax classification, Dropout 0.5, SGD with Nesterov momentum --------
val mlp = sequential(name = "mlp", seed = 3) {
    dense(64, activation = relu, inputDim = 20)
    dropout(0.5)
    dense(64, activation = relu)
    dropout(0.5)
    dense(10, activation = softmax)
}
mlp.compile(
    optimizer = sgd(lr = 0.01, decay = 1e-6, momentum = 0.9, nesterov = true),
    loss = categoricalCrossentropy,
    metrics = listOf(accuracy),
)
mlp.printSummary()
val xTrain = randomMatrix(1000, 20)
val yTrain = Tensor.of(OneHot.toCategorical(randomLabels(1000, 10), 10))
val xTest = randomMatrix(100, 20)
val yTest = Tensor.of(OneHot.toCategorical(randomLabels(100, 10), 10))
val mlpHistory = mlp.fit(xTrain, yTrain, epochs = 20, batchSize = 128, verbose = 0)
val score = mlp.evaluate(xTest, yTest)
println("mlp: train loss ${f(mlpHistory.last("loss"))}, test loss ${f(score.getValue("loss"))}, " +
    "test accuracy ${f(score.getValue("accuracy"))}")

// --- 4. Save and load: one file with architecture, weights and optimizer state ---------------------
val dir = Files.createTempDirectory("strata-walkthrough")
val file = dir.resolve("my_model.strata")
binary.save(file)
val reloaded = loadModel(file)
val reloadedEqual = reloaded.predict(xBinary).toList() == binary.predict(xBinary).toList()
println("saved ${Files.size(file)} bytes to $file; reloaded '${reloaded.name()}' predicts identically: $reloadedEqual")
// The reloaded model resumes training where the original stopped (its optimizer state came along).
val resumed = reloaded.fit(xBinary, yBinary, epochs = 1, batchSize = 32, verbose = 0)
println("resumed training: loss ${f(resumed.last("loss"))}")
file.toFile().delete()
dir.toFile().delete()

println("RESULT reloaded_equal=$reloadedEqual binary_accuracy=${f(binaryHistory.last("accuracy"))} " +
    "mean_pred=${f(binaryHistory.last("mean_pred"))} categorical_accuracy=${f(categoricalHistory.last("accuracy"))} " +
    "mlp_test_accuracy=${f(score.getValue("accuracy"))}")
