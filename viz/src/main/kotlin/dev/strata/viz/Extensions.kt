package dev.strata.viz

import dev.strata.inspect.Attribution
import dev.strata.model.Model
import dev.strata.ops.Tensor
import dev.strata.training.Callback
import dev.strata.training.History
import java.nio.file.Path

/** Draws the training curves (Keras's `history.history` as matplotlib panels) to a `.png` or `.svg`. */
fun History.plot(path: String) = Plots.history(this, Path.of(path))

/** Draws the training curves to a `.png` or `.svg`. */
fun History.plot(path: Path) = Plots.history(this, path)

/** A callback rewriting the training curves after every epoch: `fit(…, callbacks = listOf(livePlot("curves.png")))`. */
fun livePlot(path: String): Callback = Plots.livePlot(Path.of(path))

/** A callback writing a self-contained HTML training report after every epoch: `callbacks = listOf(htmlReport("run.html"))`. */
fun htmlReport(path: String): Callback = Plots.htmlReport(Path.of(path))

/** Keras's `plot_model(model, "model.svg", show_shapes=True)`. */
fun plotModel(model: Model, path: String, showShapes: Boolean = true) = Plots.model(model, Path.of(path), showShapes)

/** Keras's `plot_model` to a [Path]. */
fun plotModel(model: Model, path: Path, showShapes: Boolean = true) = Plots.model(model, path, showShapes)

/** Draws a small dense net neuron by neuron for one input row: circles by activation, lines by weight. */
fun drawNeurons(model: Model, input: Tensor, path: String) = Plots.neurons(model, input, Path.of(path))

/** As [drawNeurons] with connections coloured by dLoss/dw for [input] and [target]. */
fun drawGradients(model: Model, input: Tensor, target: Tensor, path: String) = Plots.gradients(model, input, target, Path.of(path))

/** shap's bar chart of one prediction's attribution: `plotAttributions(kernelShap(…), names, "shap.png")`. */
fun plotAttributions(attribution: Attribution, featureNames: List<String>, path: String, title: String? = null) =
    Plots.attributions(attribution, featureNames, Path.of(path), title)

/**
 * SPEC E3's animation as a callback: after every epoch a frame of the input space (probability on a
 * 200×200 grid) and of the points mapped through each 2-unit layer of [layers]; a looping GIF at
 * [gif] and the last frame as PNG at [lastFrame] when training ends.
 */
fun decisionBoundaryAnimation(x: Tensor, labels: Tensor, layers: List<String>, gif: String, lastFrame: String? = null, delayMillis: Int = 100) =
    DecisionBoundaryAnimation(x, labels, layers, Path.of(gif), lastFrame?.let { Path.of(it) }, delayMillis)

/** Weight trajectories over batches, a panel per layer: `plotWeightTrajectories(mapOf("hidden" to snapshots), "weights.png")`. */
fun plotWeightTrajectories(trajectories: Map<String, List<DoubleArray>>, path: String, batchesPerEpoch: Int = 0) =
    Plots.weightTrajectories(trajectories, Path.of(path), batchesPerEpoch)

/** Functions and (optionally) their derivatives side by side: `plotFunctions(x, values, derivatives, "activations.png")`. */
fun plotFunctions(x: DoubleArray, values: Map<String, DoubleArray>, derivatives: Map<String, DoubleArray>?, path: String, title: String? = null) =
    Plots.functions(x, values, derivatives, Path.of(path), title)

/** A fitted curve against its data: `plotFit(x, y, grid, net.predict(grid), "fit.png", truth = curve)`. */
fun plotFit(x: DoubleArray, y: DoubleArray, gridX: DoubleArray, fitted: DoubleArray, path: String, truth: DoubleArray? = null, title: String? = null) =
    Plots.fit(x, y, gridX, fitted, Path.of(path), truth, title)
