package dev.strata.dsl.data

import dev.strata.activations.Activation
import dev.strata.layers.Dense
import dev.strata.losses.Loss
import dev.strata.model.Model
import dev.strata.model.ModelBuilder
import dev.strata.model.Sequential
import dev.strata.ops.DType
import dev.strata.optimizers.Optimizer
import dev.strata.training.CompileOptions
import java.nio.file.Files
import java.nio.file.Path
import kotlin.io.path.writeText

/** `samples/data`, relative to the dsl module (Maven runs tests from the module directory). */
val SAMPLES: Path = Path.of("..", "samples", "data").also {
    check(Files.isDirectory(it)) { "${it.toAbsolutePath()} not found: run the specs from the dsl module" }
}

/** Writes [text] to a file [name] in a fresh temporary directory, deleted when the JVM exits. */
fun tempFile(name: String, text: String): Path {
    val dir = Files.createTempDirectory("strata-data-spec").also { it.toFile().deleteOnExit() }
    return dir.resolve(name).also {
        it.writeText(text)
        it.toFile().deleteOnExit()
    }
}

/** A compiled linear regression from [inputs] features to one output, trained with Adam and MSE. */
fun linearModel(inputs: Int, learningRate: Double = 0.05, seed: Long = 1): Model =
    Sequential(inputs).add(Dense.of("out", 1, Activation.LINEAR)).build(seed, DType.FLOAT32).also {
        it.compile(CompileOptions.builder().optimizer(Optimizer.Adam(learningRate)).loss(Loss.MeanSquaredError()).build())
    }

/** SPEC E8's shape: input "x" of 3 features → two hidden layers → outputs "pe" and "v" (a branch). */
fun twoOutputModel(seed: Long = 1): Model {
    val b = ModelBuilder().name("plant")
    val x = b.input("x", 3)
    val h1 = b.apply(Dense.of("hidden_1", 10, Activation.RELU), x)
    val h2 = b.apply(Dense.of("hidden_2", 10, Activation.RELU), h1)
    b.output("pe", b.apply(Dense.of("pe_out", 1, Activation.LINEAR), h2))
    b.output("v", b.apply(Dense.of("v_out", 1, Activation.LINEAR), b.apply(Dense.of("branch", 10, Activation.RELU), h2)))
    return b.build(seed, DType.FLOAT32).also {
        it.compile(CompileOptions.builder().optimizer(Optimizer.Adam(0.01)).loss(Loss.MeanSquaredError()).build())
    }
}

/** The files this process has open under [path] (Linux: /proc/self/fd), to check that a pipeline closed them. */
fun openHandles(path: Path): Int {
    val fds = Path.of("/proc/self/fd")
    if (!Files.isDirectory(fds)) return 0
    val target = path.toRealPath()
    return Files.list(fds).use { links ->
        links.toList().count { runCatching { Files.readSymbolicLink(it) == target }.getOrDefault(false) }
    }
}
