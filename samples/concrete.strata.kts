// SPEC E9 — concrete compressive strength: 8 inputs → Dense 5 relu → Dense 5 relu → Dense 1,
// Adam, MSE, with validation data, 100 epochs; reports the validation MSE next to the baseline of
// predicting the training mean.
// Data: samples/data/concrete.csv, UCI "Concrete Compressive Strength" (Yeh 1998): 1,030 mixes,
// seven ingredients in kg/m³ and the age in days → strength in MPa. (The file writes a space
// before each comma; the reader trims cells.)
//
//   ./strata samples/concrete.strata.kts

import java.util.Locale

val table = CsvReader.read(scriptDir.resolve("data/concrete.csv"))
val inputs = table.columnNames().filter { it != "Strength" }.toTypedArray()   // Cement … Age
println("read $table")

val split = Split.byFraction(table.rows(), 0.8, 1)
val train = table.take(split.train())
val validation = table.take(split.test())
val scaler = StandardScaler.fit(train.toMatrix(*inputs))                  // fitted on the training rows only
val xTrain = Tensor.of(scaler.transform(train.toMatrix(*inputs)))
val xVal = Tensor.of(scaler.transform(validation.toMatrix(*inputs)))
val yTrain = Tensor.of(train.toMatrix("Strength"))
val yVal = Tensor.of(validation.toMatrix("Strength"))

val trainMean = train.column("Strength").average()
val net = sequential(inputShape = intArrayOf(inputs.size), name = "concrete", seed = 1) {
    dense(5, activation = relu, name = "hidden_1")
    dense(5, activation = relu, name = "hidden_2")
    // Starting the output at the mean strength spares the first epochs from learning a bias of ~36 MPa.
    dense(1, name = "strength", biasInitializer = constant(trainMean))
}
net.compile(optimizer = adam(lr = 0.01), loss = mse, metrics = listOf(rmse, r2))
net.printSummary()

val history = net.fit(xTrain, yTrain, epochs = 100, batchSize = 32, validationData = xVal to yVal, verbose = 0)
for (epoch in listOf(0, 9, 29, 49, history.epochs() - 1)) {
    println("epoch %3d: loss %8.3f  val_loss %8.3f".format(Locale.ROOT, epoch + 1, history["loss"][epoch], history["val_loss"][epoch]))
}

val valMse = history.last("val_loss")
val baselineMse = validation.column("Strength").map { (it - trainMean) * (it - trainMean) }.average()
println("validation MSE %.3f (RMSE %.2f MPa, R² %.3f); predicting the training mean gives MSE %.3f".format(
    Locale.ROOT, valMse, history.last("val_rmse"), history.last("val_r2"), baselineMse))
println("RESULT val_mse=%.4f baseline_mse=%.4f".format(Locale.ROOT, valMse, baselineMse))
