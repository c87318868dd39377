// SPEC E12 — backpropagation by hand, checked.
//
// The classic worked example (Matt Mazur, "A Step by Step Backpropagation Example"): 2 inputs →
// 2 sigmoid → 2 sigmoid with given weights; b1 = 0.35 and b2 = 0.60 are shared by both units of their
// layer and never updated; loss Σ ½(target − out)²; plain gradient descent with learning rate 0.5.
// Exact arithmetic: error 0.2983711088 before the first step, 0.2910277737 after it, 3.5102e-05
// after 10,000 steps with outputs 0.0159136 and 0.9840643. No data file: the numbers are the example's.
//
//   ./strata samples/backprop.strata.kts

// Kernels are [inputs, units], row-major: row i holds the weights leaving input i.
// h1 = σ(w1·x1 + w2·x2 + b1), h2 = σ(w3·x1 + w4·x2 + b1) → kernel rows (w1, w3), (w2, w4).
// o1 = σ(w5·h1 + w6·h2 + b2), o2 = σ(w7·h1 + w8·h2 + b2) → kernel rows (w5, w7), (w6, w8).
val net = sequential(inputShape = intArrayOf(2), name = "backprop", dtype = DType.FLOAT64) {
    dense(2, activation = sigmoid, name = "hidden",
          kernelInitializer = values(0.15, 0.25, 0.20, 0.30), biasInitializer = constant(0.35))
    dense(2, activation = sigmoid, name = "output",
          kernelInitializer = values(0.40, 0.50, 0.45, 0.55), biasInitializer = constant(0.60))
}
// Freeze the biases only (the kernels train): one weight of a layer, not the whole layer.
net.weights().of("hidden").getValue("bias").setTrainable(false)
net.weights().of("output").getValue("bias").setTrainable(false)

net.compile(optimizer = sgd(lr = 0.5), loss = halfSumSquares)

val x = tensorOf(doubleArrayOf(0.05, 0.10))
val y = tensorOf(doubleArrayOf(0.01, 0.99))

val errorBefore = net.trainOnBatch(x, y).getValue("loss")      // the loss of the batch before the update
val errorAfter = net.evaluate(x, y).getValue("loss")
repeat(9_999) { net.trainOnBatch(x, y) }                       // 10,000 steps in all
val error10000 = net.evaluate(x, y).getValue("loss")
val (out1, out2) = net.predict(x).toList()

println("hidden weights after training: ${net.weightsOf("hidden").getValue("kernel").toList()}")
println("output weights after training: ${net.weightsOf("output").getValue("kernel").toList()}")
println("RESULT error_before=%.10f error_after=%.10f error_10000=%.4e out1=%.7f out2=%.7f"
    .format(java.util.Locale.ROOT, errorBefore, errorAfter, error10000, out1, out2))
