// SPEC E7 — advertising: linear regression of Sales on TV, Radio and Newspaper budgets with a
// single Dense(1) linear unit, then the sales predicted for (TV 300, Radio 0, Newspaper 0).
// Data: samples/data/advertising.csv, the Advertising data of "An Introduction to Statistical
// Learning" (200 markets; budgets in thousands of dollars, sales in thousands of units). Its first
// column is a quoted, empty-named row index, which is not read.
//
// Closed-form least squares on all 200 rows (normal equations) gives
//   Sales = 2.938889 + 0.045765·TV + 0.188530·Radio − 0.001037·Newspaper,
// so Sales(300, 0, 0) = 16.668283; a linear unit trained on MSE must land on the same answer.
// The budgets are standardized so that gradient descent converges in a few hundred steps; the
// prediction is asked for in raw units and goes through the same fitted scaler.
//
//   ./strata samples/advertising.strata.kts

import java.util.Locale

val features = arrayOf("TV", "Radio", "Newspaper")
val table = CsvReader.read(scriptDir.resolve("data/advertising.csv"), CsvOptions.defaults().withColumns(*features, "Sales"))
println("read $table")

val scaler = StandardScaler.fit(table.toMatrix(*features))          // float32 matrices in the data layer
val x = Tensor.of(scaler.transform(table.toMatrix(*features))).to(DType.FLOAT64)
val y = columnOf(*table.column("Sales"))

val regression = sequential(inputShape = intArrayOf(3), name = "advertising", seed = 1, dtype = DType.FLOAT64) {
    dense(1, name = "sales")                                          // linear: Sales = x·w + b
}
// Full-batch gradient descent (every step sees all 200 rows) on the mean squared error.
regression.compile(optimizer = sgd(lr = 0.1), loss = mse, metrics = listOf(r2))
val history = regression.fit(x, y, epochs = 500, batchSize = table.rows(), shuffle = false, verbose = 0)
println("MSE %.4f -> %.4f, R² %.4f".format(Locale.ROOT, history["loss"].first(), history.last("loss"), history.last("r2")))

// The learned line in raw units: w_raw = w / scale, b_raw = b − Σ w·mean / scale.
val (kernel, bias) = regression.getWeights("sales").map { it.toList() }
val mean = scaler.state().mean()
val scale = scaler.state().scale()
val coefficients = kernel.indices.map { kernel[it] / scale[it] }
val intercept = bias[0] - kernel.indices.sumOf { kernel[it] * mean[it] / scale[it] }
println("Sales = %.6f %+.6f·TV %+.6f·Radio %+.6f·Newspaper".format(Locale.ROOT, intercept, *coefficients.toTypedArray()))

val query = arrayOf(floatArrayOf(300f, 0f, 0f))                     // raw budgets
val sales = regression.predict(Tensor.of(scaler.transform(query)).to(DType.FLOAT64)).item()
val ols = 16.668283                                                   // closed-form answer, see the header
println("predicted sales at TV=300, Radio=0, Newspaper=0: %.6f (least squares: %.6f)".format(Locale.ROOT, sales, ols))
println("RESULT sales_at_300_0_0=%.6f ols=%.6f".format(Locale.ROOT, sales, ols))
