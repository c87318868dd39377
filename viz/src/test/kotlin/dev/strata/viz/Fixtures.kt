package dev.strata.viz

import dev.strata.activations.Activation
import dev.strata.layers.Concatenate
import dev.strata.layers.Dense
import dev.strata.losses.Loss
import dev.strata.metrics.Metric
import dev.strata.model.Model
import dev.strata.model.ModelBuilder
import dev.strata.model.Sequential
import dev.strata.ops.DType
import dev.strata.ops.Tensor
import dev.strata.optimizers.Optimizer
import dev.strata.training.Callback
import dev.strata.training.CompileOptions
import dev.strata.training.FitOptions
import java.awt.image.BufferedImage
import java.nio.file.Files
import java.nio.file.Path
import javax.imageio.ImageIO
import kotlin.random.Random

/** Small models and data shared by the picture tests; pictures go to target/pictures for a look. */
object Fixtures {
    val out: Path = Path.of("target/pictures").also { Files.createDirectories(it) }

    /** SPEC E8's shape: a trunk, a branch, two named outputs, plus a merge. */
    fun twoOutput(): Model {
        val b = ModelBuilder().name("plant")
        val x = b.input("x", 3)
        val h1 = b.apply(Dense.of("hidden_1", 8, Activation.RELU), x)
        val h2 = b.apply(Dense.of("hidden_2", 8, Activation.RELU), h1)
        val merged = b.apply(Concatenate("merge", -1), h1, h2)
        b.output("pe", b.apply(Dense.of("pe_out", 1, Activation.LINEAR), merged))
        val branch = b.apply(Dense.of("branch", 8, Activation.RELU), h2)
        b.output("v", b.apply(Dense.of("v_out", 1, Activation.LINEAR), branch))
        return b.build(1, DType.FLOAT32)
    }

    /** y_pe = x0 + 2·x1 − x2, y_v = x0·x1. */
    fun twoOutputData(n: Int): Pair<Map<String, Tensor>, Map<String, Tensor>> {
        val r = Random(7)
        val x = FloatArray(n * 3) { r.nextFloat() }
        val pe = FloatArray(n) { x[3 * it] + 2 * x[3 * it + 1] - x[3 * it + 2] }
        val v = FloatArray(n) { x[3 * it] * x[3 * it + 1] }
        return mapOf("x" to Tensor.of(x, n, 3)) to mapOf("pe" to Tensor.of(pe, n, 1), "v" to Tensor.of(v, n, 1))
    }

    fun compileTwoOutput(m: Model) {
        m.compile(CompileOptions.builder().optimizer(Optimizer.Adam(0.01, 0.9, 0.999, 1e-7))
            .loss("pe", Loss.MeanSquaredError()).loss("v", Loss.MeanSquaredError())
            .metrics(Metric.named("mae")).build())
    }

    fun fitOptions(epochs: Int, vararg callbacks: Callback): FitOptions =
        FitOptions.builder().epochs(epochs).batchSize(32).validationSplit(0.2).verbose(0).callbacks(*callbacks).build()

    fun small(): Model = Sequential(2).name("small")
        .add(Dense.of("hidden", 3, Activation.TANH)).add(Dense.of("out", 1, Activation.SIGMOID)).build(3, DType.FLOAT32)

    fun png(path: Path): BufferedImage = ImageIO.read(path.toFile()) ?: error("$path is not an image")

    /** Fraction of pixels that are not (near) white. */
    fun inked(img: BufferedImage): Double {
        var n = 0
        for (y in 0 until img.height) for (x in 0 until img.width) {
            val c = img.getRGB(x, y)
            if ((c shr 16 and 255) < 235 || (c shr 8 and 255) < 235 || (c and 255) < 235) n++
        }
        return n.toDouble() / (img.width * img.height)
    }

    /** Pixels within [tol] per channel of colour [rgb]. */
    fun count(img: BufferedImage, rgb: Int, tol: Int = 30, x0: Int = 0, x1: Int = img.width, y0: Int = 0, y1: Int = img.height): Int {
        var n = 0
        for (y in y0 until y1) for (x in x0 until x1) {
            val c = img.getRGB(x, y)
            if (Math.abs((c shr 16 and 255) - (rgb shr 16 and 255)) <= tol &&
                Math.abs((c shr 8 and 255) - (rgb shr 8 and 255)) <= tol &&
                Math.abs((c and 255) - (rgb and 255)) <= tol) n++
        }
        return n
    }
}
