package dev.strata.serve

import dev.strata.serve.ServerFixture.awaitReady
import dev.strata.serve.ServerFixture.get
import dev.strata.serve.ServerFixture.post
import io.kotest.core.spec.style.StringSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import java.nio.file.Files

class EndpointsSpec : StringSpec({
    val root = Files.createTempDirectory("strata-serve")
    ServerFixture.saveVersion(root.resolve("lin"), 1, ServerFixture.linear(0.5f))
    ServerFixture.saveVersion(root.resolve("plant"), 3, ServerFixture.twoOutputs())
    ServerFixture.saveVersion(root.resolve("raw"), 1, ServerFixture.withPreprocessing())
    val server = ModelServer(ServerFixture.config(root, maxBody = 4096)).start()
    awaitReady(server)
    val port = server.port
    afterSpec { server.stop() }

    "predict with instances in row format" {
        val a = post(port, "/v1/models/lin:predict", """{"instances": [[1, 2, 3], [0, 0, 1]]}""")
        a.status shouldBe 200
        a.body shouldBe """{"predictions":[[5.5],[-0.5]]}"""
    }
    "predict a given version, with columnar inputs" {
        post(port, "/v1/models/lin/versions/1:predict", """{"inputs": [[1, 1, 1]]}""").body shouldBe """{"outputs":[[4.5]]}"""
        post(port, "/v1/models/lin:predict", """{"inputs": {"input": [[1, 1, 1]]}}""").body shouldBe """{"outputs":[[4.5]]}"""
    }
    "named outputs: objects per instance, a map of columns for inputs" {
        post(port, "/v1/models/plant:predict", """{"instances": [{"x": [1, 2]}]}""").body shouldBe
            """{"predictions":[{"pe":[3.0],"v":[2.0,4.0]}]}"""
        post(port, "/v1/models/plant:predict", """{"inputs": {"x": [[1, 2], [0, 1]]}}""").body shouldBe
            """{"outputs":{"pe":[[3.0],[1.0]],"v":[[2.0,4.0],[0.0,2.0]]}}"""
    }
    "raw columns through the saved preprocessing" {
        post(port, "/v1/models/raw:predict", """{"instances": [{"a": 2, "b": 7}, {"a": 3, "b": 5}]}""").body shouldBe
            """{"predictions":[[5.5],[1.0]]}"""
        post(port, "/v1/models/raw:predict", """{"inputs": {"a": [2], "b": [7]}}""").body shouldBe """{"outputs":[[5.5]]}"""
    }
    "version status and metadata in TF Serving's shape" {
        get(port, "/v1/models/plant").body shouldBe
            """{"model_version_status":[{"version":"3","state":"AVAILABLE","status":{"error_code":"OK","error_message":""}}]}"""
        get(port, "/v1/models/plant/versions/3").status shouldBe 200
        val meta = get(port, "/v1/models/plant/metadata")
        meta.status shouldBe 200
        meta.body shouldContain """"model_spec":{"name":"plant","signature_name":"","version":"3"}"""
        meta.body shouldContain """"inputs":{"x":{"dtype":"DT_FLOAT","tensor_shape":{"dim":[{"size":"-1","name":""},{"size":"2","name":""}],"unknown_rank":false},"name":"x"}}"""
        meta.body shouldContain """"v":{"dtype":"DT_FLOAT","tensor_shape":{"dim":[{"size":"-1","name":""},{"size":"2","name":""}]"""
        get(port, "/v1/models/raw/versions/1/metadata").body shouldContain """"raw_columns":["a","b"]"""
    }
    "healthz and metrics" {
        val h = get(port, "/healthz")
        h.status shouldBe 200
        h.body shouldBe """{"status":"ready","models":{"lin":"1","plant":"3","raw":"1"}}"""
        post(port, "/v1/models/lin:predict", """{"instances": [[1, 2]]}""")
        val m = get(port, "/metrics")
        m.status shouldBe 200
        m.body shouldContain """strata_requests_total{model="lin",status="200"}"""
        m.body shouldContain """strata_requests_total{model="lin",status="400"}"""
        m.body shouldContain "strata_request_duration_seconds_bucket{model=\"lin\""
        m.body shouldContain "strata_queue_depth{model=\"lin\"} 0.0"
    }

    fun bad(path: String, body: String, status: Int, message: String) {
        val a = post(port, path, body)
        a.status shouldBe status
        a.body shouldBe ResponseWriter.error(message).toString(Charsets.UTF_8)
    }

    "malformed JSON names line and column" {
        bad("/v1/models/lin:predict", "{\"instances\": [[1, 2, 3],\n  [1, 2 x]]}", 400, "malformed JSON at line 2, column 9: unexpected character 'x'")
        bad("/v1/models/lin:predict", """{"instances": [[1, 2, 3]""", 400, "malformed JSON at line 1, column 25: the body ends before the JSON value is complete")
        bad("/v1/models/lin:predict", "", 400, "malformed JSON: the request body is empty")
        bad("/v1/models/lin:predict", """{"instances": [[1, 2, 3]]} []""", 400, "malformed JSON at line 1, column 28: unexpected content after the JSON value")
    }
    "unknown model, version and endpoint are 404" {
        bad("/v1/models/nope:predict", """{"instances": [[1]]}""", 404, "Servable not found for request: Latest(nope); served models are [lin, plant, raw]")
        bad("/v1/models/lin/versions/7:predict", """{"instances": [[1, 2, 3]]}""", 404, "Servable not found for request: Specific(lin, 7); serving version 1")
        get(port, "/v1/models/lin/versions/7").status shouldBe 404
        bad("/v1/models/lin:classify", """{"instances": [[1, 2, 3]]}""", 404, "unsupported method 'classify' for POST; use :predict")
        get(port, "/nowhere").body shouldBe """{"error":"no such endpoint: GET /nowhere"}"""
    }
    "unknown and missing inputs" {
        bad("/v1/models/plant:predict", """{"instances": [{"y": [1, 2]}]}""", 400, "instances[0]: unknown input 'y'; the model's inputs are [x]")
        bad("/v1/models/plant:predict", """{"inputs": {}}""", 400, "inputs: missing input 'x'; the model's inputs are [x]")
        bad("/v1/models/plant:predict", """{"signature_name": "x"}""", 400, "the body has neither \"instances\" nor \"inputs\"; fields given: [signature_name]")
        bad("/v1/models/plant:predict", """{"instances": [], "inputs": []}""", 400, "give either \"instances\" or \"inputs\", not both")
        bad("/v1/models/raw:predict", """{"instances": [{"a": 2, "c": 7}]}""", 400,
            "row 0: unknown column [c]; the model's inputs are [input] and its raw columns [a, b]")
    }
    "wrong shapes say expected and got" {
        bad("/v1/models/lin:predict", """{"instances": [[1, 2, 3], [1, 2]]}""", 400, "instances[1]: expected shape [3], got [2]")
        bad("/v1/models/plant:predict", """{"inputs": {"x": [[1, 2, 3]]}}""", 400, "inputs.x[0]: expected shape [2], got [3]")
        bad("/v1/models/lin:predict", """{"instances": [5]}""", 400, "instances[0]: expected shape [3], got [] (a number at instances[0])")
    }
    "strings, nulls, NaN and Infinity where numbers belong" {
        bad("/v1/models/lin:predict", """{"instances": [[1, "2", 3]]}""", 400, "instances[0][1]: expected a number, got a string \"2\"")
        bad("/v1/models/lin:predict", """{"instances": [[1, null, 3]]}""", 400, "instances[0][1]: expected a number, got null")
        bad("/v1/models/lin:predict", """{"instances": [[1, NaN, 3]]}""", 400, "instances[0][1]: NaN is not allowed; send a finite number")
        bad("/v1/models/lin:predict", """{"instances": [[1, 2, -Infinity]]}""", 400, "instances[0][2]: -Infinity is not allowed; send a finite number")
        bad("/v1/models/lin:predict", """{"instances": [[1, 2, 1e300]]}""", 400, "instances[0][2]: 1.0E300 is out of float32 range")
        bad("/v1/models/raw:predict", """{"instances": [{"a": null, "b": 7}]}""", 400,
            "instances[0].a is null; send a number or text (an empty string for a missing value)")
    }
    "bodies over the limit are 413, and the server keeps answering" {
        val big = """{"instances": [""" + "[1, 2, 3],".repeat(600) + "[1, 2, 3]]}"
        big.length shouldBe 6026
        bad("/v1/models/lin:predict", big, 413, "the request body is 6026 bytes; the limit is 4096 bytes")
        post(port, "/v1/models/lin:predict", """{"instances": [[1, 2, 3]]}""").status shouldBe 200
    }
})
