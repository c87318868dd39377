package dev.strata.viz

import dev.strata.inspect.Attribution
import dev.strata.model.Model
import dev.strata.ops.Tensor
import dev.strata.training.Callback
import dev.strata.training.History
import java.nio.file.Path

/**
 * Every picture Strata draws, for Java (and Kotlin) callers: static methods whose signatures hold
 * only Java and Strata types. The format follows the file extension: `.png` or `.svg`
 * (`.gif` for animations). Files are written atomically. Kotlin scripts use the extension
 * functions in this package (`history.plot("curves.png")`, `plotModel(model, "model.svg")`).
 */
object Plots {
    /** Training curves: one panel per metric (loss first), train and validation lines, a row per output. */
    @JvmStatic
    fun history(history: History, path: Path) = TrainingCurves.save(history.values(), path)

    /** The training curves as SVG text (for embedding in a page). */
    @JvmStatic
    fun historySvg(history: History): String = TrainingCurves.svg(history.values())

    /** A callback that rewrites the training curves at [path] after every epoch. */
    @JvmStatic
    fun livePlot(path: Path): Callback = LivePlot(path)

    /**
     * A callback writing one self-contained HTML report at [path] after every epoch (latest metrics,
     * training curves and model diagram as inline SVG, summary table; no scripts, no external URLs).
     */
    @JvmStatic
    fun htmlReport(path: Path): Callback = HtmlReport(path)

    /** Keras's `plot_model`: one box per layer with name, type, (output shape) and parameters, laid out by ELK. */
    @JvmStatic
    @JvmOverloads
    fun model(model: Model, path: Path, showShapes: Boolean = true) = ModelDiagram(model, showShapes).save(path)

    /** The model diagram as SVG text. */
    @JvmStatic
    @JvmOverloads
    fun modelSvg(model: Model, showShapes: Boolean = true): String = ModelDiagram(model, showShapes).svg()

    /** Neurons coloured by their activation for one input row, connections by weight sign and magnitude (≤ 64 units a layer). */
    @JvmStatic
    fun neurons(model: Model, input: Tensor, path: Path) = NeuronDrawing.ofWeights(model, input).save(path)

    /** As [neurons], connections coloured by dLoss/dw for that row and [target] (the model must be compiled). */
    @JvmStatic
    fun gradients(model: Model, input: Tensor, target: Tensor, path: Path) = NeuronDrawing.ofGradients(model, input, target).save(path)

    /** shap's bar chart for one prediction: bars sorted by magnitude, coloured by sign, base value and prediction in the title. */
    @JvmStatic
    @JvmOverloads
    fun attributions(attribution: Attribution, featureNames: List<String>, path: Path, title: String? = null) =
        AttributionChart.save(attribution, featureNames, path, title)

    /** The attribution chart as SVG text. */
    @JvmStatic
    fun attributionsSvg(attribution: Attribution, featureNames: List<String>): String = AttributionChart.svg(attribution, featureNames)

    /**
     * Weight trajectories (SPEC E2): for each layer (panel), its weights as lines over the batches.
     * [trajectories] maps a layer name to one flattened weight array per batch (as a per-batch hook
     * records them); epoch boundaries are dashed when [batchesPerEpoch] > 0.
     */
    @JvmStatic
    @JvmOverloads
    fun weightTrajectories(trajectories: Map<String, List<DoubleArray>>, path: Path, batchesPerEpoch: Int = 0) =
        WeightTrajectories.save(trajectories, path, batchesPerEpoch)

    /**
     * Functions of one variable: a panel with a line per function over [x] and, if [derivatives] is
     * given (same names), a second panel of the derivatives (SPEC E1's activation functions).
     */
    @JvmStatic
    @JvmOverloads
    fun functions(x: DoubleArray, values: Map<String, DoubleArray>, derivatives: Map<String, DoubleArray>?, path: Path, title: String? = null) =
        FunctionPlots.saveFunctions(x, values, derivatives, path, title)

    /** A fit against its data (SPEC E6): the points ([x], [y]), the model's [fitted] curve over [gridX], the [truth] dashed if known. */
    @JvmStatic
    @JvmOverloads
    fun fit(x: DoubleArray, y: DoubleArray, gridX: DoubleArray, fitted: DoubleArray, path: Path, truth: DoubleArray? = null, title: String? = null) =
        FunctionPlots.saveFit(x, y, gridX, fitted, truth, path, title)
}
