@file:JvmName("ServeMain")

package dev.strata.serve

import dev.strata.serving.PredictorOptions
import picocli.CommandLine
import picocli.CommandLine.Command
import picocli.CommandLine.Option
import java.nio.file.Path
import java.time.Duration
import java.util.concurrent.Callable
import java.util.concurrent.CountDownLatch
import kotlin.system.exitProcess

/**
 * `strata serve`: TensorFlow Serving's command line, the options a TF Serving user knows
 * (`--model_name` is accepted as `--model-name` too).
 */
@Command(
    name = "strata serve",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = ["Serves Strata models over TensorFlow Serving's REST API: <base>/<name>/<version>/model.strata."],
)
class ServeCommand : Callable<Int> {
    @Option(names = ["--model-name", "--model_name"], description = ["Name of the one served model."])
    var modelName: String? = null

    @Option(names = ["--model-base-path", "--model_base_path"], description = ["Folder holding the model's numbered versions."])
    var modelBasePath: Path? = null

    @Option(names = ["--model-config-file", "--model_config_file"], description = ["TF Serving model config (model_config_list) for several models."])
    var configFile: Path? = null

    @Option(names = ["--port", "--rest_api_port"], description = ["Port (default: \${DEFAULT-VALUE}; 0 picks a free one)."])
    var port: Int = 8501

    @Option(names = ["--host"], description = ["Address to listen on (default: \${DEFAULT-VALUE})."])
    var host: String = "127.0.0.1"

    @Option(names = ["--poll-seconds", "--file_system_poll_wait_seconds"], description = ["Seconds between scans for new versions; 0 turns it off (default: \${DEFAULT-VALUE})."])
    var pollSeconds: Double = 1.0

    @Option(names = ["--batching"], negatable = true, defaultValue = "true", fallbackValue = "true",
        description = ["Dynamic batching of concurrent requests (default: on; --no-batching turns it off)."])
    var batching: Boolean = true

    @Option(names = ["--max-batch-size"], description = ["Most rows in one batch (default: \${DEFAULT-VALUE})."])
    var maxBatch: Int = 32

    @Option(names = ["--batch-timeout-micros"], description = ["How long a batch waits for more requests; 0 runs at once what has queued while the last batch ran (default: \${DEFAULT-VALUE})."])
    var maxDelayMicros: Long = 0

    @Option(names = ["--num-batch-threads"], description = ["Most batches running at once, each on a request's own thread (default: the machine's cores, \${DEFAULT-VALUE} here)."])
    var batchThreads: Int = PredictorOptions.CORES

    @Option(names = ["--max-queue"], description = ["Requests waiting for a batch before 503 (default: \${DEFAULT-VALUE})."])
    var maxQueue: Int = 1024

    @Option(names = ["--max-body-bytes"], description = ["Largest request body; larger is 413 (default: \${DEFAULT-VALUE})."])
    var maxBody: Int = 16 shl 20

    @Option(names = ["--access-log"], description = ["Log one line per request."])
    var accessLog: Boolean = false

    override fun call(): Int {
        val models = when {
            configFile != null -> ModelConfigFile.parse(configFile!!)
            modelName != null && modelBasePath != null -> listOf(ModelSource(modelName!!, modelBasePath!!.toAbsolutePath().normalize()))
            else -> {
                System.err.println("error: give --model-name and --model-base-path, or --model-config-file")
                return 2
            }
        }
        if (batchThreads < 1) {
            System.err.println("error: --num-batch-threads must be at least 1, got $batchThreads")
            return 2
        }
        val options = PredictorOptions(batching, maxBatch, maxDelayMicros, maxQueue, batchThreads)
        val server = ModelServer(
            ServeConfig(models, host, port, Duration.ofMillis((pollSeconds * 1000).toLong()), options, maxBody, accessLog),
        ).start()
        Log.info("serving ${models.joinToString { "'${it.name}' from ${it.basePath}" }} on http://$host:${server.port}")
        val stopped = CountDownLatch(1)
        // SIGTERM and Ctrl-C: stop accepting, finish requests in flight, then exit 0.
        for (signal in listOf("TERM", "INT")) {
            sun.misc.Signal.handle(sun.misc.Signal(signal)) {
                Thread({
                    Log.info("SIG$signal: shutting down")
                    server.stop()
                    stopped.countDown()
                }, "strata-serve-shutdown").start()
            }
        }
        stopped.await()
        Log.info("stopped")
        return 0
    }

    companion object {
        /** Runs `strata serve` with [args]; returns the exit status. */
        @JvmStatic
        fun run(args: Array<String>): Int = CommandLine(ServeCommand()).execute(*args)
    }
}

/** `java -cp … dev.strata.serve.ServeMain --model-name … --model-base-path …`. */
fun main(args: Array<String>) {
    exitProcess(ServeCommand.run(args))
}
