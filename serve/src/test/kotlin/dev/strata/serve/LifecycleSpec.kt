package dev.strata.serve

import dev.strata.serve.ServerFixture.awaitReady
import dev.strata.serve.ServerFixture.get
import dev.strata.serve.ServerFixture.post
import dev.strata.serving.PredictorOptions
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.StringSpec
import io.kotest.matchers.collections.shouldContainAll
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import java.net.ConnectException
import java.nio.file.Files
import java.time.Duration
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.CopyOnWriteArrayList
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicBoolean
import java.util.concurrent.atomic.AtomicInteger

class LifecycleSpec : StringSpec({
    fun waitFor(what: String, condition: () -> Boolean) {
        val deadline = System.nanoTime() + 30_000_000_000L
        while (!condition()) {
            check(System.nanoTime() < deadline) { "timed out waiting for $what" }
            Thread.sleep(20)
        }
    }

    "a new version swaps in under concurrent load with none failing; a corrupt one is refused" {
        for (batching in listOf(PredictorOptions.DIRECT, PredictorOptions.batched(16, 200, 256))) {
            val root = Files.createTempDirectory("strata-swap")
            val base = root.resolve("lin")
            ServerFixture.saveVersion(base, 1, ServerFixture.linear(0.5f))
            val server = ModelServer(ServerFixture.config(root, batching, poll = Duration.ofMillis(50)).copy(models = listOf(ModelSource("lin", base)))).start()
            awaitReady(server)
            val stop = AtomicBoolean()
            val failures = CopyOnWriteArrayList<String>()
            val seen = ConcurrentHashMap.newKeySet<String>()
            val count = AtomicInteger()
            val pool = Executors.newFixedThreadPool(8)
            repeat(8) {
                pool.execute {
                    while (!stop.get() && count.incrementAndGet() < 20_000) {
                        val a = post(server.port, "/v1/models/lin:predict", """{"instances": [[1, 2, 3]]}""")
                        if (a.status != 200) failures.add("${a.status} ${a.body}") else seen.add(a.body)
                    }
                }
            }
            waitFor("answers from version 1") { failures.isNotEmpty() || seen.isNotEmpty() }
            ServerFixture.saveVersion(base, 2, ServerFixture.linear(10f))
            waitFor("version 2") { server.ready && get(server.port, "/v1/models/lin").body.contains(""""version":"2","state":"AVAILABLE"""") }
            Thread.sleep(200)
            ServerFixture.corruptVersion(base, 3)
            waitFor("version 3 refused") { get(server.port, "/v1/models/lin/versions/3").body.contains("END") }
            Thread.sleep(200)
            stop.set(true)
            pool.shutdown()
            pool.awaitTermination(30, TimeUnit.SECONDS) shouldBe true
            failures shouldBe emptyList()
            seen shouldContainAll setOf("""{"predictions":[[5.5]]}""", """{"predictions":[[15.0]]}""")
            seen.size shouldBe 2
            val status = get(server.port, "/v1/models/lin").body
            status shouldContain """{"version":"3","state":"END","status":{"error_code":"UNKNOWN","error_message":"""
            status shouldContain """{"version":"2","state":"AVAILABLE","status":{"error_code":"OK","error_message":""}}"""
            post(server.port, "/v1/models/lin:predict", """{"instances": [[1, 2, 3]]}""").body shouldBe """{"predictions":[[15.0]]}"""
            post(server.port, "/v1/models/lin/versions/1:predict", """{"instances": [[1, 2, 3]]}""").status shouldBe 404
            server.stop()
        }
    }

    "stop finishes the request in flight, then refuses connections" {
        val root = Files.createTempDirectory("strata-stop")
        ServerFixture.saveVersion(root.resolve("lin"), 1, ServerFixture.linear(0.5f))
        // A 400 ms batching window keeps the request in flight while the server stops.
        val server = ModelServer(ServerFixture.config(root, PredictorOptions.batched(64, 400_000, 16))
            .copy(models = listOf(ModelSource("lin", root.resolve("lin"))))).start()
        awaitReady(server)
        val port = server.port
        val pool = Executors.newSingleThreadExecutor()
        val inFlight = pool.submit<ServerFixture.Answer> { post(port, "/v1/models/lin:predict", """{"instances": [[1, 2, 3]]}""") }
        Thread.sleep(150)
        server.stop()
        inFlight.get().body shouldBe """{"predictions":[[5.5]]}"""
        pool.shutdown()
        shouldThrow<ConnectException> { get(port, "/healthz") }
        server.stop() // a second stop is harmless
    }

    "strata serve exits 0 on SIGTERM" {
        val root = Files.createTempDirectory("strata-sigterm")
        ServerFixture.saveVersion(root.resolve("lin"), 1, ServerFixture.linear(0.5f))
        val java = ProcessHandle.current().info().command().orElse("java")
        val process = ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.strata.serve.ServeMain",
            "--model-name", "lin", "--model-base-path", root.resolve("lin").toString(), "--port", "0")
            .redirectErrorStream(true).redirectOutput(root.resolve("log.txt").toFile()).start()
        // destroy() closes the process's pipes: its output goes to a file, read after it exits.
        fun log() = Files.readString(root.resolve("log.txt"))
        val port = AtomicInteger(-1)
        waitFor("the server to start") {
            Regex("http://127.0.0.1:(\\d+)").find(log())?.let { port.set(it.groupValues[1].toInt()) }
            port.get() > 0
        }
        waitFor("the model to load") { runCatching { get(port.get(), "/healthz").status == 200 }.getOrDefault(false) }
        post(port.get(), "/v1/models/lin:predict", """{"instances": [[1, 2, 3]]}""").body shouldBe """{"predictions":[[5.5]]}"""
        process.destroy() // SIGTERM
        process.waitFor(30, TimeUnit.SECONDS) shouldBe true
        process.exitValue() shouldBe 0
        log() shouldContain "SIGTERM: shutting down"
    }
})
