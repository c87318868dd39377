// SPEC seed 004 — looking inside the MNIST CNN: conv_1's filters, the feature maps a digit produces,
// saliency with three backprop rules (vanilla, guided, rectified), Grad-CAM (jet and viridis, plus
// guided Grad-CAM), occlusion maps and the input that maximises each class (keras-vis's anchors).
// It inspects the model samples/mnist_cnn.strata.kts saves (samples/out/mnist_cnn.strata); when that
// file is missing it trains a smaller CNN for one epoch on 12,000 training digits and says so.
// Every picture is drawn for the first test digit of each class, under samples/out/.
// Data: samples/data/mnist/*.gz (MNIST; CC BY-SA 3.0; see samples/data/NOTICE.md).
//
//   ./strata samples/mnist_inspection.strata.kts
//
// RESULT: gradcam_in_box = mean share of Grad-CAM mass inside each digit's ink bounding box;
// occlusion_drop = mean drop of the true class's probability under its most important 4x4 patch;
// am_<class> = that class's score (before softmax) at the start and end of activation maximisation.

import dev.strata.ops.ReluBackward
import java.nio.file.Files
import java.nio.file.Path
import java.util.Locale

val out: Path = scriptDir.resolve("out").also { Files.createDirectories(it) }
val mnist = Mnist.load(scriptDir.resolve("data/mnist"))
fun images(images: IdxImages, rows: IntArray): Tensor =
    Tensor.of(images.images(rows, true), rows.size, images.rows(), images.columns(), 1)

// --- The model: the one mnist_cnn saved, or a quick stand-in -----------------------------------------
val saved = out.resolve("mnist_cnn.strata")
val model: Model = if (Files.exists(saved)) {
    println("inspecting $saved (saved by mnist_cnn.strata.kts)")
    loadModel(saved)
} else {
    println("$saved is missing (run samples/mnist_cnn.strata.kts to make it): training a smaller CNN for one epoch on 12,000 digits instead")
    val rows = IntArray(12_000) { it }
    val x = images(mnist.trainImages(), rows)
    val y = Tensor.of(OneHot.toCategoricalFlat(mnist.trainLabels().copyOf(rows.size), 10), rows.size, 10)
    sequential(inputShape = intArrayOf(28, 28, 1), name = "small_cnn", seed = 1) {
        conv2d(16, 3, activation = relu, name = "conv_1")
        conv2d(32, 3, activation = relu, name = "conv_2")
        maxPool2d(2, name = "pool")
        flatten(name = "flatten")
        dense(10, activation = softmax, name = "digit")
    }.also {
        it.compile(optimizer = adam(), loss = categoricalCrossentropy, metrics = listOf(accuracy))
        it.fit(x, y, epochs = 1, batchSize = 128, verbose = 0)
    }
}
val net = model.inspector()
val convLayers = GradCam.mapLayers(model).filter { model.layerConfig(it) is dev.strata.layers.Conv2D }
val lastConv = convLayers.last()
println("convolutional layers: $convLayers; Grad-CAM at $lastConv")

// --- The first test digit of each class --------------------------------------------------------------
val labels = mnist.testLabels()
val firstOfClass = IntArray(10) { c -> labels.indexOfFirst { it == c } }
val digits = (0..9).map { c -> images(mnist.testImages(), intArrayOf(firstOfClass[c])).reshape(28, 28, 1) }
val predicted = net.predict(images(mnist.testImages(), firstOfClass)).map { p -> p.indices.maxBy { p[it] } }
val titles = (0..9).map { c -> "$c (pred ${predicted[c]})" }
fun png(name: String): Path = out.resolve("inspect_$name.png")

// --- Filters and feature maps ------------------------------------------------------------------------
CnnPictures.mapGrid(png("filters_conv_1"), model.filters("conv_1"), "conv_1 filters (3x3, input channel 0)", Colormap.GRAY)
CnnPictures.mapGrid(png("feature_maps_conv_1"), net.featureMaps("conv_1", digits[7]), "conv_1 feature maps of a 7")
CnnPictures.mapGrid(png("feature_maps_$lastConv"), net.featureMaps(lastConv, digits[7]), "$lastConv feature maps of a 7")

// --- Saliency, three rules ---------------------------------------------------------------------------
for ((rule, name) in listOf(ReluBackward.STANDARD to "vanilla", ReluBackward.GUIDED to "guided", ReluBackward.RECTIFIED to "rectified")) {
    val maps = (0..9).map { c -> net.saliency(digits[c], c, rule) }
    CnnPictures.heatmapGrid(png("saliency_$name"), digits, maps, titles, "saliency ($name) of the true class", Colormap.JET, alpha = 0.7)
}

// --- Grad-CAM: how much of its mass lies inside the ink's bounding box -------------------------------
val cams = (0..9).map { c -> net.gradCam(digits[c], c, lastConv) }
CnnPictures.heatmapGrid(png("gradcam_jet"), digits, cams, titles, "Grad-CAM at $lastConv (jet)", Colormap.JET)
CnnPictures.heatmapGrid(png("gradcam_viridis"), digits, cams, titles, "Grad-CAM at $lastConv (viridis)", Colormap.VIRIDIS)
CnnPictures.heatmapGrid(png("gradcam_guided"), digits, (0..9).map { c -> net.gradCam(digits[c], c, lastConv, guided = true) },
    titles, "guided Grad-CAM at $lastConv", Colormap.JET, alpha = 0.7)
fun inBox(image: Tensor, cam: Heatmap): Double {
    val px = image.toDoubleArray()
    val ink = px.indices.filter { px[it] > 0.1 }
    val (y0, y1) = ink.minOf { it / 28 } to ink.maxOf { it / 28 }
    val (x0, x1) = ink.minOf { it % 28 } to ink.maxOf { it % 28 }
    val total = cam.sum()
    if (total == 0.0) return 0.0
    var inside = 0.0
    for (y in y0..y1) for (x in x0..x1) inside += cam.get(y, x)
    return inside / total
}
val shares = (0..9).map { inBox(digits[it], cams[it]) }
println("Grad-CAM mass inside the ink box: " + shares.joinToString(" ") { "%.2f".format(Locale.ROOT, it) })

// --- Occlusion: 4x4 patches of 0.5, stride 4, all 49 copies in one predict ---------------------------
val occlusions = (0..9).map { c -> net.occlusion(digits[c], c, size = 4, stride = 4, fill = 0.5) }
val drops = occlusions.map { it.largestDrop() }
// Each map is scaled to its own range: the title gives the largest drop, so a flat map reads as flat.
CnnPictures.heatmapGrid(png("occlusion"), digits, occlusions.map { it.trueClassMap() },
    (0..9).map { c -> "%d drop %.3f".format(Locale.ROOT, c, drops[c]) }, "occlusion: p(true class) with a 4x4 patch (blue = important)", Colormap.JET)
println("true-class probability drop under the most important patch: " + drops.joinToString(" ") { "%.3f".format(Locale.ROOT, it) })

// --- Activation maximisation: softmax taken as linear, input in [0, 1] -------------------------------
val maximised = (0..9).map { c -> net.maximizeActivation(c, steps = 150, learningRate = 0.05, l2 = 0.02, tv = 0.1, jitter = 1, seed = 4) }
CnnPictures.imageGrid(png("activation_max"), maximised.map { it.image() },
    (0..9).map { c -> "%d: %.1f→%.1f".format(Locale.ROOT, c, maximised[c].first(), maximised[c].last()) },
    "inputs maximising each class score", normalize = true)
for (c in 0..9) println("class $c score %.2f -> %.2f".format(Locale.ROOT, maximised[c].first(), maximised[c].last()))

println("pictures: " + Files.list(out).use { s -> s.map { it.fileName.toString() }.filter { it.startsWith("inspect_") }.sorted().toList() })
println("RESULT gradcam_in_box=%.3f gradcam_majority=%d/10 occlusion_drop=%.3f ".format(Locale.ROOT, shares.average(),
    shares.count { it > 0.5 }, drops.average()) +
    (0..9).joinToString(" ") { c -> "am_$c=%.2f->%.2f".format(Locale.ROOT, maximised[c].first(), maximised[c].last()) })
