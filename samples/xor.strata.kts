// SPEC §7 XOR — a 2 → 5 sigmoid → 1 sigmoid network learns exclusive-or to within 0.1 of each target.
// No data file: the four rows of the truth table.
//
//   ./strata samples/xor.strata.kts

val x = tensorOf(
    doubleArrayOf(0.0, 0.0),
    doubleArrayOf(0.0, 1.0),
    doubleArrayOf(1.0, 0.0),
    doubleArrayOf(1.0, 1.0),
)
val y = columnOf(0.0, 1.0, 1.0, 0.0)

val net = sequential(inputShape = intArrayOf(2), name = "xor", seed = 7) {
    dense(5, activation = sigmoid, name = "hidden")
    dense(1, activation = sigmoid, name = "output")
}
net.compile(optimizer = adam(lr = 0.05), loss = binaryCrossentropy, metrics = listOf(accuracy))
net.printSummary()

// Whole-batch gradient descent: the four rows are one batch.
val history = net.fit(x, y, epochs = 1000, batchSize = 4, verbose = 0)
println("loss %.5f -> %.5f, accuracy %.2f".format(java.util.Locale.ROOT,
    history["loss"].first(), history.last("loss"), history.last("accuracy")))

val predicted = net.predict(x).toList()
x.toRows().zip(predicted).forEach { (row, p) ->
    println("${row[0].toInt()} xor ${row[1].toInt()} -> %.4f".format(java.util.Locale.ROOT, p))
}
val maxAbsError = predicted.zip(y.toList()).maxOf { (p, t) -> kotlin.math.abs(p - t) }
println("RESULT max_abs_error=%.6f".format(java.util.Locale.ROOT, maxAbsError))
