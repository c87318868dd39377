package dev.strata.serve

import dev.strata.serve.ServerFixture.awaitReady
import dev.strata.serve.ServerFixture.post
import dev.strata.serving.PredictorOptions
import io.kotest.core.spec.style.StringSpec
import io.kotest.matchers.shouldBe
import java.nio.file.Files
import java.util.concurrent.CompletableFuture
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicBoolean

class OverloadSpec : StringSpec({
    "a full queue answers 503 and the server keeps serving" {
        val root = Files.createTempDirectory("strata-overload")
        val base = root.resolve("lin")
        ServerFixture.saveVersion(base, 1, ServerFixture.linear(0.5f))
        // One row per batch, one call may wait: a running batch plus one queued call fill it.
        val server = ModelServer(ServerFixture.config(root, PredictorOptions.batched(1, 0, 1, 1)).copy(models = listOf(ModelSource("lin", base)))).start()
        try {
            awaitReady(server)
            val predictor = server.serving("lin")!!.predictor
            val entered = CountDownLatch(1)
            val release = CountDownLatch(1)
            val first = AtomicBoolean(true)
            // The first batch is held until released; its leader is this test's own call, so no server thread is blocked.
            predictor.onBatch { if (first.getAndSet(false)) { entered.countDown(); release.await(20, TimeUnit.SECONDS) } }
            val held = CompletableFuture.supplyAsync { predictor.predict(floatArrayOf(1f, 1f, 1f)) }
            entered.await(20, TimeUnit.SECONDS) shouldBe true
            val queued = CompletableFuture.supplyAsync { post(server.port, "/v1/models/lin:predict", """{"instances": [[1, 2, 3]]}""") }
            val deadline = System.nanoTime() + 20_000_000_000L
            while (predictor.queueDepth() < 1) {
                check(System.nanoTime() < deadline) { "the second request never queued" }
                Thread.sleep(5)
            }
            val refused = post(server.port, "/v1/models/lin:predict", """{"instances": [[4, 5, 6]]}""")
            refused.status shouldBe 503
            refused.body shouldBe """{"error":"the prediction queue is full (1 calls waiting); try again later"}"""
            release.countDown()
            held.get(20, TimeUnit.SECONDS)[0] shouldBe 4.5f // 2 + 3 - 1 + 0.5
            val later = queued.get(20, TimeUnit.SECONDS)
            later.status shouldBe 200
            later.body shouldBe """{"predictions":[[5.5]]}"""
            val after = post(server.port, "/v1/models/lin:predict", """{"instances": [[4, 5, 6]]}""")
            after.status shouldBe 200
            after.body shouldBe """{"predictions":[[17.5]]}""" // 8 + 15 - 6 + 0.5
            ServerFixture.get(server.port, "/metrics").body.lines()
                .single { it.startsWith("strata_requests_total{") && it.contains("model=\"lin\"") && it.contains("status=\"503\"") }
                .substringAfterLast(' ').toDouble() shouldBe 1.0
        } finally {
            server.stop()
        }
    }
})
