package dev.strata.samples

import dev.strata.dsl.script.CompiledScriptCache
import dev.strata.dsl.script.ScriptOutcome
import dev.strata.dsl.script.StrataScriptRunner
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.doubles.shouldBeGreaterThanOrEqual
import io.kotest.matchers.doubles.shouldBeLessThan
import io.kotest.matchers.doubles.shouldBeLessThanOrEqual
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import java.io.ByteArrayOutputStream
import java.io.File
import java.io.PrintStream
import java.nio.file.Files

/**
 * Runs every sample script through the same script runner as `./strata` (in this JVM) and checks
 * the values of its last line, `RESULT key=value …`, against what SPEC §5 and §7 require.
 *
 * Surefire runs this from the repository root (see samples/pom.xml), as the README runs samples.
 */
class SamplesSpec : FunSpec({

    val samples = listOf(File("samples"), File(".")).first { File(it, "power_plant.strata.kts").isFile }
    // Compiled scripts are cached under target/, so a second `mvn test` skips the Kotlin compiler.
    val runner = StrataScriptRunner(CompiledScriptCache(File(samples, "target/script-cache")))

    /** Runs [block] with stdout captured, echoes what it printed, and returns the key=value pairs of its last line, `RESULT …`. */
    fun resultOf(what: String, block: () -> Unit): Map<String, String> {
        val original = System.out
        val buffer = ByteArrayOutputStream()
        val started = System.nanoTime()
        try {
            System.setOut(PrintStream(buffer, true, Charsets.UTF_8))
            block()
        } finally {
            System.setOut(original)
            val seconds = "%.1f".format(java.util.Locale.ROOT, (System.nanoTime() - started) / 1e9)
            println("---- $what ($seconds s)\n" + buffer.toString(Charsets.UTF_8))
        }
        val last = buffer.toString(Charsets.UTF_8).lines().last { it.isNotBlank() }
        withClue("$what must end with a RESULT line") { last.startsWith("RESULT ") shouldBe true }
        return last.removePrefix("RESULT ").trim().split(Regex("\\s+")).associate {
            val (key, value) = it.split("=", limit = 2)
            key to value
        }
    }

    /** Runs the script `samples/[name]` as `./strata` does and returns its RESULT values. */
    fun run(name: String): Map<String, String> = resultOf("samples/$name") {
        val outcome = runner.run(File(samples, name), displayPath = "samples/$name")
        withClue("samples/$name: ${outcome.report(stacktrace = true)}") {
            outcome.shouldBeInstanceOf<ScriptOutcome.Completed>()
        }
    }

    /** Deletes the pictures a sample is to write under samples/out, so the checks see this run's. */
    fun forget(vararg names: String) = names.forEach { Files.deleteIfExists(File(samples, "out/$it").toPath()) }

    /** A PNG the sample wrote under samples/out: its size, and that it is not blank (≥ [inked] of its pixels not white). */
    fun picture(name: String, width: Int? = null, height: Int? = null, inked: Double = 0.02): java.awt.image.BufferedImage {
        val file = File(samples, "out/$name")
        val img = withClue("samples/out/$name") { javax.imageio.ImageIO.read(file) ?: error("samples/out/$name is not a PNG") }
        withClue("samples/out/$name size") {
            width?.let { img.width shouldBe it }
            height?.let { img.height shouldBe it }
        }
        var n = 0
        for (y in 0 until img.height) for (x in 0 until img.width) if ((img.getRGB(x, y) and 0xFFFFFF) != 0xFFFFFF) n++
        withClue("samples/out/$name non-white share") { (n.toDouble() / (img.width * img.height)) shouldBeGreaterThanOrEqual inked }
        return img
    }

    fun Map<String, String>.number(key: String): Double =
        getValue(key).toDoubleOrNull() ?: error("RESULT $key=${getValue(key)} is not a number")

    test("E12 backpropagation by hand matches exact arithmetic to 1e-6") {
        val result = run("backprop.strata.kts")
        result.number("error_before") shouldBe (0.2983711088 plusOrMinus 1e-6)
        result.number("error_after") shouldBe (0.2910277737 plusOrMinus 1e-6)
        result.number("error_10000") shouldBe (3.5102e-05 plusOrMinus 1e-6)
        result.number("out1") shouldBe (0.0159136 plusOrMinus 1e-6)
        result.number("out2") shouldBe (0.9840643 plusOrMinus 1e-6)
    }

    test("XOR is learned to within 0.1 of every target") {
        run("xor.strata.kts").number("max_abs_error") shouldBeLessThan 0.1
    }

    test("§5 autodiff: f'(2) = 4 and gradient descent finds the root 2") {
        val result = run("autodiff.strata.kts")
        result.number("df_at_2") shouldBe (4.0 plusOrMinus 1e-12)
        result.number("root") shouldBe (2.0 plusOrMinus 1e-9)
    }

    test("E5 Keras walkthrough: a saved model reloads and predicts identically") {
        val result = run("keras_walkthrough.strata.kts")
        result.getValue("reloaded_equal") shouldBe "true"
        // Random labels: training accuracy is near chance, the mean prediction near the label mean 0.5.
        result.number("binary_accuracy") shouldBeGreaterThanOrEqual 0.4
        result.number("mean_pred") shouldBe (0.5 plusOrMinus 0.1)
        result.number("categorical_accuracy") shouldBeGreaterThanOrEqual 0.05
    }

    test("E7 advertising: the linear unit predicts the least-squares sales at (300, 0, 0)") {
        val result = run("advertising.strata.kts")
        // Closed-form OLS on all 200 rows: 2.938889 + 0.045765 × 300 = 16.668283.
        result.number("sales_at_300_0_0") shouldBe (16.668283 plusOrMinus 0.01)
    }

    test("E8 power plant reaches the tutorial's test R² for both outputs") {
        forget("power_plant_curves.png")
        val result = run("power_plant.strata.kts")
        result.number("r2_pe") shouldBeGreaterThanOrEqual 0.927
        result.number("r2_v") shouldBeGreaterThanOrEqual 0.786
        // A row for the total loss, then one per output (pe, v), three panels wide (loss, rmse, r2).
        picture("power_plant_curves.png", width = 3 * 380, height = 3 * 280)
    }

    test("E9 concrete: validation MSE well below predicting the mean") {
        val result = run("concrete.strata.kts")
        result.number("val_mse") shouldBeLessThan result.number("baseline_mse") / 2
    }

    test("E11 residual stress: the optimum lies in the process window, at a low predicted stress") {
        val result = run("residual_stress.strata.kts")
        result.number("thickness") shouldBe (100.0 plusOrMinus 50.0 + 1e-9)
        result.number("temperature") shouldBe (1120.0 plusOrMinus 30.0 + 1e-9)
        result.number("hold") shouldBe (30.0 plusOrMinus 10.0 + 1e-9)
        result.number("cooling") shouldBe (5.0 plusOrMinus 2.0 + 1e-9)
        // The table's stresses range from 470.8 to 548.0 MPa; the optimum is at the low end.
        result.number("predicted_stress") shouldBeLessThanOrEqual 480.0
    }

    test("Java Keras import sample: imports the hls4ml Conv1D file, predicts, saves and reloads equal") {
        val out = Files.createTempFile("imported", ".strata")
        try {
            val result = resultOf("ImportKerasModel") {
                ImportKerasModel.main(arrayOf(File(samples, "data/keras/conv1d_1layer.h5").path, out.toString()))
            }
            // conv1d_1layer: (5, 5) → Conv1D, 1 filter of width 3 → (3, 1), as the file's config declares.
            result.getValue("outputs") shouldBe "3"
            result.getValue("finite") shouldBe "true"
            result.getValue("reloaded_equal") shouldBe "true"
        } finally {
            Files.deleteIfExists(out)
        }
    }

    test("Java embedding sample: E8 with the Java API, saved, then loaded by a plain program that predicts") {
        val file = Files.createTempDirectory("strata-java-sample").resolve("power_plant.strata")
        try {
            val trained = resultOf("PowerPlantJava") {
                PowerPlantJava.main(arrayOf(File(samples, "data/ccpp.csv").path, file.toString()))
            }
            trained.number("r2_pe") shouldBeGreaterThanOrEqual 0.927
            trained.number("r2_v") shouldBeGreaterThanOrEqual 0.786
            trained.getValue("reloaded_equal") shouldBe "true"

            // The first row of ccpp.csv: AT 8.34, AP 1010.84, RH 90.01 → PE 480.48 MW, V 40.77 cm Hg.
            val predicted = resultOf("PredictFromFile") {
                PredictFromFile.main(arrayOf(file.toString(), "8.34,1010.84,90.01"))
            }
            predicted.number("pe") shouldBe (480.48 plusOrMinus 10.0)
            predicted.number("v") shouldBe (40.77 plusOrMinus 10.0)
        } finally {
            file.parent.toFile().deleteRecursively()
        }
    }
    test("E10 temperature: two outputs through a CSV pipeline beat predicting the training mean by a wide margin") {
        val result = run("temperature.strata.kts")
        result.number("rmse_max_temp") shouldBeLessThan 0.7 * result.number("baseline_max_temp")
        result.number("rmse_min_temp") shouldBeLessThan 0.7 * result.number("baseline_min_temp")
    }

    test("E2 storm rotation: skilful probabilities on the held-out year") {
        forget("storm_rotation_weights.png", "storm_rotation_neurons.png", "storm_rotation_gradients.png", "storm_rotation.html")
        val result = run("storm_rotation.strata.kts")
        picture("storm_rotation_weights.png", width = 2 * 460, height = 360)   // a panel per layer
        val neurons = picture("storm_rotation_neurons.png")
        val gradients = picture("storm_rotation_gradients.png")
        neurons.height shouldBe gradients.height
        val html = Files.readString(File(samples, "out/storm_rotation.html").toPath())
        withClue("storm_rotation.html") {
            html.contains("finished after 10 epochs") shouldBe true
            (html.contains("http://") || html.contains("https://")) shouldBe false
        }
        result.number("auc") shouldBeGreaterThanOrEqual 0.7
        result.number("bss") shouldBeGreaterThanOrEqual 0.05
        result.number("brier") shouldBeLessThan 0.05
    }

    test("Sequence model: LSTM and GRU each beat a dense model on the same window") {
        val result = run("sequence.strata.kts")
        result.number("lstm_mse") shouldBeLessThan result.number("dense_mse")
        result.number("gru_mse") shouldBeLessThan result.number("dense_mse")
    }

    test("E6 curve fit: five Dense 128 relu layers fit x·sin(10πx) + 2 to grid MSE 0.01") {
        forget("curve_fit.png")
        val result = run("curve_fit.strata.kts")
        picture("curve_fit.png", width = 900, height = 480)
        result["good_fit"] shouldBe "true"
        result.number("grid_mse") shouldBeLessThan 0.01
    }

    test("Keras import: an imported Conv1D model predicts what Keras did and survives a .strata round trip") {
        val result = run("keras_import.strata.kts")
        result.number("samples") shouldBe 3.0
        result.number("keras_max_error") shouldBeLessThan 1e-5
        result.number("reload_max_error") shouldBe 0.0
    }

    test("E1 activations: values through a layer and autodiff gradients match the closed forms") {
        forget("activations.png")
        val result = run("activations.strata.kts")
        picture("activations.png", width = 1000, height = 420, inked = 0.03)   // functions and derivatives side by side
        result.number("max_error") shouldBeLessThan 1e-12
        result.number("functions") shouldBe 5.0
    }

    test("E4 explained classifier: near the data's ceiling, attributions on the informative features, a step perceptron") {
        forget("explained_classifier_shap.png", "explained_classifier_neurons.png")
        val result = run("explained_classifier.strata.kts")
        picture("explained_classifier_shap.png", width = 640, height = 120 + 34 * 6)   // a bar per feature
        picture("explained_classifier_neurons.png")
        result.number("accuracy") shouldBeGreaterThanOrEqual 0.78 // the labels are drawn from a logistic model: ~0.82 is the ceiling
        result.number("f1") shouldBeGreaterThanOrEqual 0.75
        result.number("informative_share") shouldBeGreaterThanOrEqual 0.8
        result.number("perceptron_correct") shouldBe 8.0
    }
})
