package dev.strata.serve

import dev.strata.activations.Activation
import dev.strata.data.Preprocessing
import dev.strata.layers.Dense
import dev.strata.model.Model
import dev.strata.model.ModelBuilder
import dev.strata.model.Sequential
import dev.strata.ops.DType
import dev.strata.ops.Tensor
import dev.strata.serving.PredictorOptions
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration

/** Models on disk in TF Serving's layout and a client for a server on 127.0.0.1. */
object ServerFixture {
    /** y = 2a + 3b − c + [bias], one output of shape [1]. */
    fun linear(bias: Float): Model {
        val m = Sequential(3).add(Dense.of("out", 1, Activation.LINEAR)).build(1, DType.FLOAT32)
        m.setWeights("out", listOf(Tensor.of(floatArrayOf(2f, 3f, -1f), 3, 1), Tensor.of(floatArrayOf(bias), 1)))
        return m
    }

    /** Two outputs: pe = a + b, v = [a, b] · 2 (shape [2]). */
    fun twoOutputs(): Model {
        val b = ModelBuilder().name("plant")
        val x = b.input("x", 2)
        b.output("pe", b.apply(Dense.of("pe_out", 1, Activation.LINEAR), x))
        b.output("v", b.apply(Dense.of("v_out", 2, Activation.LINEAR), x))
        val m = b.build(1, DType.FLOAT32)
        m.setWeights("pe_out", listOf(Tensor.of(floatArrayOf(1f, 1f), 2, 1), Tensor.of(floatArrayOf(0f), 1)))
        m.setWeights("v_out", listOf(Tensor.of(floatArrayOf(2f, 0f, 0f, 2f), 2, 2), Tensor.of(floatArrayOf(0f, 0f), 2)))
        return m
    }

    /** y = a' + 10 b' over min-max scaled raw columns a ∈ [1, 3], b ∈ [5, 9]. */
    fun withPreprocessing(): Model {
        val m = Sequential(2).add(Dense.of("out", 1, Activation.LINEAR)).build(1, DType.FLOAT32)
        m.setWeights("out", listOf(Tensor.of(floatArrayOf(1f, 10f), 2, 1), Tensor.of(floatArrayOf(0f), 1)))
        Preprocessing.builder().minMax("a", "b")
            .fit(listOf(mapOf("a" to 1.0, "b" to 5.0), mapOf("a" to 3.0, "b" to 9.0)), null)
            .withInputs(mapOf(m.inputNames()[0] to listOf("a", "b"))).saveTo(m.metadata())
        return m
    }

    fun saveVersion(base: Path, version: Int, model: Model) {
        val dir = base.resolve(version.toString())
        Files.createDirectories(dir)
        model.save(dir.resolve("model.strata"))
    }

    fun corruptVersion(base: Path, version: Int) {
        val dir = base.resolve(version.toString())
        Files.createDirectories(dir)
        Files.writeString(dir.resolve("model.strata"), "this is not a model")
    }

    fun config(root: Path, batching: PredictorOptions = PredictorOptions.DIRECT, maxBody: Int = 1 shl 20, poll: Duration = Duration.ZERO) =
        ServeConfig(
            listOf(ModelSource("lin", root.resolve("lin")), ModelSource("plant", root.resolve("plant")), ModelSource("raw", root.resolve("raw"))),
            port = 0, pollInterval = poll, batching = batching, maxBodyBytes = maxBody,
        )

    val client: HttpClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()

    class Answer(val status: Int, val body: String)

    fun get(port: Int, path: String): Answer = send(HttpRequest.newBuilder(URI("http://127.0.0.1:$port$path")).GET())

    fun post(port: Int, path: String, body: String): Answer =
        send(HttpRequest.newBuilder(URI("http://127.0.0.1:$port$path")).POST(HttpRequest.BodyPublishers.ofString(body)))

    private fun send(b: HttpRequest.Builder): Answer {
        val r = client.send(b.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString())
        return Answer(r.statusCode(), r.body())
    }

    fun awaitReady(server: ModelServer) {
        val deadline = System.nanoTime() + 30_000_000_000L
        while (!server.ready) {
            check(System.nanoTime() < deadline) { "models did not load in 30 s" }
            Thread.sleep(20)
        }
    }
}
