package dev.strata.serve

import dev.strata.serving.QueueFullException
import io.ktor.http.ContentType
import io.ktor.http.HttpStatusCode
import io.ktor.server.application.Application
import io.ktor.server.application.ApplicationCall
import io.ktor.server.engine.EmbeddedServer
import io.ktor.server.engine.connector
import io.ktor.server.engine.embeddedServer
import io.ktor.server.netty.Netty
import io.ktor.server.netty.NettyApplicationEngine
import io.ktor.server.request.httpMethod
import io.ktor.server.request.receiveChannel
import io.ktor.server.request.uri
import io.ktor.server.response.respondBytes
import io.ktor.server.response.respondText
import io.ktor.server.routing.get
import io.ktor.server.routing.post
import io.ktor.server.routing.route
import io.ktor.server.routing.routing
import io.ktor.utils.io.readRemaining
import io.micrometer.core.instrument.DistributionSummary
import io.micrometer.core.instrument.Gauge
import io.micrometer.core.instrument.Timer
import io.micrometer.prometheusmetrics.PrometheusConfig
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry
import kotlinx.coroutines.future.await
import kotlinx.coroutines.runBlocking
import kotlinx.io.readByteArray
import java.util.concurrent.Executors
import java.util.concurrent.ScheduledExecutorService
import java.util.concurrent.TimeUnit

/**
 * The TensorFlow-Serving-compatible HTTP server: models under `<base>/<name>/<version>/model.strata`,
 * polled for new versions, behind TF Serving's REST API, `/healthz` and Prometheus `/metrics`.
 *
 * ```
 * val server = ModelServer(ServeConfig(listOf(ModelSource("plant", Path.of("models/plant"))), port = 0)).start()
 * println(server.port)
 * server.stop()
 * ```
 */
class ModelServer(val config: ServeConfig) {
    val registry = PrometheusMeterRegistry(PrometheusConfig.DEFAULT)
    private val models: Map<String, ServedModel> = config.models.associate { src ->
        val batches = DistributionSummary.builder("strata_batch_size").description("Rows per batched run")
            .tag("model", src.name).serviceLevelObjectives(1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 128.0).register(registry)
        src.name to ServedModel(src, config.batching) { v -> v.predictor.onBatch { rows -> batches.record(rows.toDouble()) } }
    }
    private val poller: ScheduledExecutorService = Executors.newSingleThreadScheduledExecutor { r ->
        Thread(r, "strata-serve-poller").apply { isDaemon = true }
    }
    private var server: EmbeddedServer<NettyApplicationEngine, NettyApplicationEngine.Configuration>? = null

    init {
        for (m in models.values) {
            Gauge.builder("strata_queue_depth") { m.serving?.predictor?.queueDepth()?.toDouble() ?: 0.0 }
                .description("Calls waiting for a batch").tag("model", m.name).register(registry)
        }
    }

    /** The bound port (after [start]). */
    var port: Int = -1
        private set

    /** The version of model [name] serving now, or null (unknown name, or none loaded yet). */
    fun serving(name: String): LoadedVersion? = models[name]?.serving

    /** True once every model has a version serving. */
    val ready: Boolean get() = models.values.all { it.serving != null }

    /** Starts loading models in the background and listening; returns at once. */
    fun start(): ModelServer {
        poller.execute { refreshAll() }
        val period = config.pollInterval.toMillis()
        if (period > 0) poller.scheduleWithFixedDelay({ refreshAll() }, period, period, TimeUnit.MILLISECONDS)
        val s = embeddedServer(Netty, configure = {
            connector {
                host = config.host
                port = config.port
            }
            shutdownGracePeriod = config.shutdownGrace.toMillis()
            shutdownTimeout = config.shutdownTimeout.toMillis()
        }) { routes() }
        s.start(wait = false)
        server = s
        port = runBlocking { s.engine.resolvedConnectors().first().port }
        return this
    }

    /** Loads new versions now (the poller does it every [ServeConfig.pollInterval]). */
    fun refreshAll() {
        for (m in models.values) {
            try {
                m.refresh()
            } catch (e: Exception) {
                Log.error("model '${m.name}': scanning ${m.source.basePath} failed: $e")
            }
        }
    }

    /**
     * Graceful stop: new requests are answered 503, those in flight finish (up to
     * [ServeConfig.shutdownTimeout]), then the listener closes and models unload.
     */
    fun stop() {
        val s = server ?: return
        stopping = true
        poller.shutdownNow()
        val deadline = System.nanoTime() + config.shutdownTimeout.toNanos()
        while (inFlight.get() > 0 && System.nanoTime() < deadline) Thread.sleep(5)
        s.stop(config.shutdownGrace.toMillis(), config.shutdownTimeout.toMillis())
        server = null
        models.values.forEach(ServedModel::close)
    }

    @Volatile
    private var stopping = false
    private val inFlight = java.util.concurrent.atomic.AtomicInteger()

    /** Blocks until the server is stopped (by [stop], e.g. from a SIGTERM handler). */
    fun join() {
        while (server != null) Thread.sleep(100)
    }

    // ----- routes -----

    private fun Application.routes() {
        routing {
            get("/healthz") {
                val ok = ready
                call.respondBytes(ResponseWriter.health(ok, models.mapValues { it.value.serving?.version }), ContentType.Application.Json,
                    if (ok) HttpStatusCode.OK else HttpStatusCode.ServiceUnavailable)
                access(call, if (ok) 200 else 503)
            }
            get("/metrics") {
                call.respondText(registry.scrape(), ContentType.parse("text/plain; version=0.0.4; charset=utf-8"))
            }
            post("/v1/models/{path...}") { handle(call) { predict(call) } }
            get("/v1/models/{path...}") { handle(call) { describe(call) } }
            route("{...}") {
                handle { handle(call) { throw ApiException(404, "no such endpoint: ${call.request.httpMethod.value} ${call.request.uri}") } }
            }
        }
    }

    /** Answers [block]'s result, or its [ApiException] as `{"error": ...}`; nothing a request does escapes. */
    private suspend fun handle(call: ApplicationCall, block: suspend () -> Pair<String?, ByteArray>) {
        val started = System.nanoTime()
        var model: String? = null
        inFlight.incrementAndGet()
        val status = try {
            if (stopping) throw ApiException(503, "the server is shutting down")
            val (m, body) = block()
            model = m
            call.respondBytes(body, ContentType.Application.Json, HttpStatusCode.OK)
            200
        } catch (e: ApiException) {
            model = e.model
            call.respondBytes(ResponseWriter.error(e.message ?: "bad request"), ContentType.Application.Json, HttpStatusCode.fromValue(e.status))
            e.status
        } catch (e: Exception) {
            Log.error("${call.request.httpMethod.value} ${call.request.uri} failed: $e")
            call.respondBytes(ResponseWriter.error("internal error: ${e.javaClass.simpleName}"), ContentType.Application.Json,
                HttpStatusCode.InternalServerError)
            500
        } finally {
            inFlight.decrementAndGet()
        }
        val tag = model ?: "none"
        registry.counter("strata_requests", "model", tag, "status", status.toString()).increment()
        Timer.builder("strata_request_duration").description("Request latency").tag("model", tag)
            .publishPercentileHistogram().register(registry).record(System.nanoTime() - started, TimeUnit.NANOSECONDS)
        access(call, status)
    }

    private fun access(call: ApplicationCall, status: Int) {
        if (config.accessLog) Log.info("${call.request.httpMethod.value} ${call.request.uri} $status")
    }

    private class Target(val model: ServedModel, val version: Long?, val verb: String?)

    /** `{name}[/versions/{v}][:verb]` or `{name}[/versions/{v}]/metadata`. */
    private fun target(call: ApplicationCall): Target {
        val segs = call.parameters.getAll("path").orEmpty().toMutableList()
        val method = call.request.httpMethod.value
        var verb: String? = null
        if (segs.isNotEmpty() && segs.last().contains(':')) {
            val last = segs.removeAt(segs.size - 1)
            verb = last.substringAfterLast(':')
            segs.add(last.substringBeforeLast(':'))
        }
        if (segs.size == 2 && segs[1] == "metadata" || segs.size == 4 && segs[3] == "metadata") {
            if (verb != null) throw ApiException(404, "no such endpoint: $method ${call.request.uri}")
            verb = "metadata"
            segs.removeAt(segs.size - 1)
        }
        val name = segs.firstOrNull() ?: throw ApiException(404, "no such endpoint: $method ${call.request.uri}")
        val model = models[name] ?: throw ApiException(404, "Servable not found for request: Latest($name); served models are ${models.keys}")
        val version = when {
            segs.size == 1 -> null
            segs.size == 3 && segs[1] == "versions" -> segs[2].toLongOrNull()
                ?: throw ApiException(400, "version '${segs[2]}' is not a number").withModel(name)
            else -> throw ApiException(404, "no such endpoint: $method ${call.request.uri}").withModel(name)
        }
        return Target(model, version, verb)
    }

    private suspend fun predict(call: ApplicationCall): Pair<String?, ByteArray> {
        val t = target(call)
        val name = t.model.name
        if (t.verb != "predict") {
            throw ApiException(404, "unsupported method '${t.verb ?: ""}' for POST; use :predict").withModel(name)
        }
        val body = body(call, name)
        val lease = try {
            t.model.acquire(t.version)
        } catch (e: ApiException) {
            throw e.withModel(name)
        }
        try {
            val p = lease.predictor
            val request = try {
                RequestReader.read(body, p)
            } catch (e: ApiException) {
                throw e.withModel(name)
            }
            val outputs = try {
                p.predictAsync(request.inputs).await()
            } catch (e: QueueFullException) {
                throw ApiException(503, e.message!!).withModel(name)
            } catch (e: IllegalArgumentException) {
                throw ApiException(400, e.message ?: "bad input").withModel(name)
            }
            return name to ResponseWriter.predictions(request.format, p.signature(), outputs)
        } finally {
            lease.release()
        }
    }

    private suspend fun describe(call: ApplicationCall): Pair<String?, ByteArray> {
        val t = target(call)
        val name = t.model.name
        return when (t.verb) {
            null -> {
                val statuses = t.model.statuses().filter { t.version == null || it.version == t.version }
                if (statuses.isEmpty()) {
                    throw ApiException(404, if (t.version == null) "model '$name' has no versions under ${t.model.source.basePath}"
                    else "Servable not found for request: Specific($name, ${t.version})").withModel(name)
                }
                name to ResponseWriter.status(statuses)
            }
            "metadata" -> {
                val lease = try { t.model.acquire(t.version) } catch (e: ApiException) { throw e.withModel(name) }
                try {
                    name to ResponseWriter.metadata(name, lease.version, lease.predictor.signature())
                } finally {
                    lease.release()
                }
            }
            else -> throw ApiException(404, "unsupported method '${t.verb}' for GET; use POST for :predict").withModel(name)
        }
    }

    /** The request body, at most [ServeConfig.maxBodyBytes]; larger is 413. */
    private suspend fun body(call: ApplicationCall, model: String): ByteArray {
        val limit = config.maxBodyBytes
        val declared = call.request.headers["Content-Length"]?.toLongOrNull()
        if (declared != null && declared > limit) throw tooLarge(declared, model)
        val bytes = call.receiveChannel().readRemaining(limit + 1L).readByteArray()
        if (bytes.size > limit) throw tooLarge(null, model)
        return bytes
    }

    private fun tooLarge(size: Long?, model: String) =
        ApiException(413, "the request body is ${size?.let { "$it bytes" } ?: "larger than the limit"}; the limit is ${config.maxBodyBytes} bytes")
            .withModel(model)
}
