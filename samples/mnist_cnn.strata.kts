// SPEC §7 "MNIST CNN" — a convolutional digit classifier, as Keras's classic mnist_cnn.py:
// Conv2D 32 3×3 relu → Conv2D 64 3×3 relu → MaxPool 2 → Dropout 0.25 → Flatten → Dense 128 relu →
// Dropout 0.5 → Dense 10 softmax; Adam, categorical cross-entropy, batch 128, 3 epochs. Must reach at
// least 98.5 % accuracy on the 10,000 test digits.
// Data: samples/data/mnist/*.gz, the MNIST database of handwritten digits (LeCun, Cortes, Burges;
// CC BY-SA 3.0; see samples/data/NOTICE.md): 60,000 training and 10,000 test images of 28 × 28
// pixels, scaled to [0, 1] and fed channels-last as (28, 28, 1); labels one-hot encoded.
// As in Keras's example, the test set is evaluated after each epoch for the learning curve only:
// nothing is selected or stopped on it.
//
//   ./strata samples/mnist_cnn.strata.kts                                 # full run, ~2 min an epoch on 2 cores
//   ./strata samples/mnist_cnn.strata.kts --epochs 1 --train-rows 5000    # a quick check
// The trained model is saved to samples/out/mnist_cnn.strata, which mnist_inspection.strata.kts inspects.

import java.util.Locale

fun option(name: String): Int? = args.indexOf(name).takeIf { it >= 0 }?.let { i ->
    args.getOrNull(i + 1)?.toIntOrNull() ?: error("$name needs a whole number, e.g. $name 2")
}

val epochs = option("--epochs") ?: 3
val mnist = Mnist.load(scriptDir.resolve("data/mnist"))
val trainRows = minOf(option("--train-rows") ?: mnist.trainImages().count(), mnist.trainImages().count())

// --- Data: pixels / 255, shaped (rows, 28, 28, 1); labels → one-hot (rows, 10) ---------------------
fun images(images: IdxImages, rows: Int): Tensor =
    Tensor.of(images.images(IntArray(rows) { it }, true), rows, images.rows(), images.columns(), 1)
fun oneHot(labels: IntArray): Tensor = Tensor.of(OneHot.toCategoricalFlat(labels, 10), labels.size, 10)

val xTrain = images(mnist.trainImages(), trainRows)
val yTrain = oneHot(mnist.trainLabels().copyOf(trainRows))
val xTest = images(mnist.testImages(), mnist.testImages().count())
val yTest = oneHot(mnist.testLabels())
println("MNIST: $trainRows training and ${mnist.testImages().count()} test images of 28 × 28 pixels")

// --- Model ------------------------------------------------------------------------------------------
val cnn = sequential(inputShape = intArrayOf(28, 28, 1), name = "mnist_cnn", seed = 1) {
    conv2d(32, 3, activation = relu, name = "conv_1")
    conv2d(64, 3, activation = relu, name = "conv_2")
    maxPool2d(2, name = "pool")
    dropout(0.25)
    flatten(name = "flatten")
    dense(128, activation = relu, name = "dense_128")
    dropout(0.5)
    dense(10, activation = softmax, name = "digit")
}
cnn.compile(optimizer = adam(), loss = categoricalCrossentropy, metrics = listOf(accuracy))
cnn.printSummary()

// --- Training: one line per epoch, with its time ----------------------------------------------------
val epochSeconds = mutableListOf<Double>()
var epochStart = 0L
val timer = lambdaCallback(
    onEpochBegin = { epochStart = System.nanoTime() },
    onEpochEnd = { epoch, logs ->
        epochSeconds += (System.nanoTime() - epochStart) / 1e9
        println("epoch %d/%d: %.1f s, loss %.4f, accuracy %.4f, test accuracy %.4f".format(Locale.ROOT, epoch + 1, epochs,
            epochSeconds.last(), logs.getValue("loss"), logs.getValue("accuracy"), logs.getValue("val_accuracy")))
    },
)
cnn.fit(xTrain, yTrain, epochs = epochs, batchSize = 128, validationData = xTest to yTest, callbacks = listOf(timer), verbose = 0)

// --- Test accuracy ----------------------------------------------------------------------------------
val scores = cnn.evaluate(xTest, yTest)
val testAccuracy = scores.getValue("accuracy")
val secondsPerEpoch = epochSeconds.average()
println("test: loss %.4f, accuracy %.2f %% (%d of 10,000 digits wrong); %.1f s per epoch (incl. the test pass)".format(
    Locale.ROOT, scores.getValue("loss"), 100 * testAccuracy, Math.round((1 - testAccuracy) * mnist.testImages().count()), secondsPerEpoch))
val saved = scriptDir.resolve("out/mnist_cnn.strata")
cnn.save(saved)
println("saved the model to $saved")
println("RESULT test_accuracy=%.4f seconds_per_epoch=%.1f".format(Locale.ROOT, testAccuracy, secondsPerEpoch))
