package dev.strata.serve

import dev.strata.serving.PredictorOptions
import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration

/** One served model: TF Serving's `name` and `base_path` (holding `<version>/model.strata`). */
data class ModelSource(val name: String, val basePath: Path)

/**
 * How `strata serve` runs.
 *
 * @property port 0 picks a free port (tests)
 * @property pollInterval how often base paths are scanned for new versions; zero turns polling off
 * @property batching dynamic batching window and queue bound; `batching = false` runs each request on its own
 * @property maxBodyBytes larger request bodies are answered 413
 */
data class ServeConfig(
    val models: List<ModelSource>,
    val host: String = "127.0.0.1",
    val port: Int = 8501,
    val pollInterval: Duration = Duration.ofSeconds(1),
    val batching: PredictorOptions = PredictorOptions.batched(32, 0, 1024),
    val maxBodyBytes: Int = 16 shl 20,
    val accessLog: Boolean = false,
    val shutdownGrace: Duration = Duration.ofSeconds(2),
    val shutdownTimeout: Duration = Duration.ofSeconds(20),
) {
    init {
        require(models.isNotEmpty()) { "no model to serve: give --model-name and --model-base-path, or --model-config-file" }
        val dup = models.groupBy { it.name }.filter { it.value.size > 1 }.keys
        require(dup.isEmpty()) { "model names must be unique; repeated: $dup" }
    }
}

/**
 * TensorFlow Serving's model config file (protobuf text format), the part a Strata server uses:
 * ```
 * model_config_list {
 *   config { name: "plant" base_path: "/models/plant" }
 *   config { name: "digits" base_path: "/models/digits" }
 * }
 * ```
 * Other fields (`model_platform`, version policies) are accepted and ignored; relative base paths
 * are resolved against the file's folder.
 */
object ModelConfigFile {
    private val block = Regex("""config\s*\{([^{}]*)}""")
    private val field = Regex("""(\w+)\s*:\s*"((?:[^"\\]|\\.)*)"""")

    fun parse(file: Path): List<ModelSource> {
        val text = try {
            Files.readString(file)
        } catch (e: java.io.IOException) {
            throw IllegalArgumentException("cannot read model config file $file: ${e.message}")
        }
        val models = block.findAll(text).map { m ->
            val line = text.substring(0, m.range.first).count { it == '\n' } + 1
            val fields = field.findAll(m.groupValues[1]).associate { it.groupValues[1] to it.groupValues[2] }
            val name = fields["name"] ?: throw IllegalArgumentException("$file:$line: config block without a name: \"…\"")
            val base = fields["base_path"] ?: throw IllegalArgumentException("$file:$line: config '$name' has no base_path: \"…\"")
            ModelSource(name, (file.toAbsolutePath().parent ?: Path.of(".")).resolve(base).normalize())
        }.toList()
        require(models.isNotEmpty()) { "$file: no `config { name: \"…\" base_path: \"…\" }` block found" }
        return models
    }
}
