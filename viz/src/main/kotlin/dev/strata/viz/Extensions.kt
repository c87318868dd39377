package dev.strata.viz

import dev.strata.model.Model
import dev.strata.training.Callback
import dev.strata.training.History
import java.nio.file.Path

/** Draws the training curves (Keras's `history.history` as matplotlib panels) to a `.png` or `.svg`. */
fun History.plot(path: String) = Plots.history(this, Path.of(path))

/** Draws the training curves to a `.png` or `.svg`. */
fun History.plot(path: Path) = Plots.history(this, path)

/** A callback rewriting the training curves after every epoch: `fit(…, callbacks = listOf(livePlot("curves.png")))`. */
fun livePlot(path: String): Callback = Plots.livePlot(Path.of(path))

/** Keras's `plot_model(model, "model.svg", show_shapes=True)`. */
fun plotModel(model: Model, path: String, showShapes: Boolean = true) = Plots.model(model, Path.of(path), showShapes)

/** Keras's `plot_model` to a [Path]. */
fun plotModel(model: Model, path: Path, showShapes: Boolean = true) = Plots.model(model, path, showShapes)
