package dev.strata.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.activations.Activation;
import dev.strata.layers.Dense;
import dev.strata.model.Model;
import dev.strata.model.Sequential;
import dev.strata.ops.DType;
import dev.strata.serving.Predictor;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load test of {@code strata serve} on 127.0.0.1 (bench/serve). The server runs in its own JVM
 * ({@code dev.strata.serve.ServeMain}, {@value #SERVER_HEAP}, heap pre-touched so its RSS is
 * steady once warm), started by this load generator, which drives it with {@link HttpClient}:
 * T2 (784-256-128-10) single-row requests to two servers running side by side, one without and one
 * with batching, each warmed with 2 × requests at 8 and at 32 clients: 1 and 8 clients, then {@value #ROUNDS_32}
 * rounds of 32 clients alternating between the two (the medians go in the RESULT line, with each
 * phase's server and client CPU per request), every answer checked against the in-process
 * prediction, malformed requests mixed in
 * (each must get a 4xx {@code {"error": …}}), and, in a further 32-client phase, a good new
 * version then a corrupt one.
 * Then, on the batching server, E8 single-row requests (1,000,000 by default) with the server's
 * RSS (/proc/&lt;pid&gt;/status VmRSS) read before and after. Every phase is bounded by a request
 * count and a time limit; the server gets SIGTERM at the end and must exit 0.
 *
 * <pre>java dev.strata.bench.ServeLoad [requests per T2 phase] [seconds per phase] [E8 model file] [E8 requests for RSS] [seconds for them]</pre>
 */
public final class ServeLoad {
    private static final String SERVER_HEAP = "-Xmx384m";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String[] MALFORMED = {"{\"instances\": [[1, 2", "{\"instances\": [[\"a\"]]}", "{\"instances\": [[1, 2]]}", "{}"};

    /** A phase's figures; {@code serverCpuUs} and {@code clientCpuUs}: CPU time per request of the server and of this load generator. */
    private record Phase(double rps, double p50ms, double p99ms, long errors, long mismatches, long malformed, long sent,
                         double serverCpuUs, double clientCpuUs) {}

    /** What a phase sends to one model: bodies and the answer each must get. */
    /**
     * A model's request bodies and in-process answers; {@code outputs} names a multi-output model's
     * outputs (its answers are {"name": [...], ...} objects, expected[k] holds them in this order), or is
     * null for one unnamed output.
     */
    private record Load(String model, String[] bodies, float[][] expected, String[] outputs) {}

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        Path e8File = Path.of(args.length > 2 ? args[2] : "samples/target/power_plant.strata");
        int rssRequests = args.length > 3 ? Integer.parseInt(args[3]) : 1_000_000;
        int rssSeconds = args.length > 4 ? Integer.parseInt(args[4]) : 900;
        Path root = Files.createTempDirectory("strata-bench-serve");
        Model t2 = new Sequential(784).add(Dense.of("h1", 256, Activation.RELU)).add(Dense.of("h2", 128, Activation.RELU))
                .add(Dense.of("out", 10, Activation.SOFTMAX)).build(7, DType.FLOAT32);
        save(t2, root.resolve("t2/1"));
        Files.createDirectories(root.resolve("e8/1"));
        Load e8Load;
        if (Files.exists(e8File)) {
            Files.copy(e8File, root.resolve("e8/1/model.strata"));
            e8Load = e8Raw(Predictor.load(e8File));
        } else {
            // No trained E8 file (samples/java/run writes it): an untrained model of E8's shape, numeric rows.
            System.out.println("no E8 file at " + e8File + ": the RSS phase uses an untrained 3-32-1 model of E8's shape");
            Model e8 = new Sequential(3).add(Dense.of("hidden", 32, Activation.TANH)).add(Dense.of("out", 1, Activation.LINEAR)).build(8, DType.FLOAT32);
            save(e8, root.resolve("e8/1"));
            e8Load = numeric("e8", Predictor.of(e8), 3, 64, 5);
        }
        Path config = root.resolve("models.config");
        Files.writeString(config, "model_config_list {\n  config { name: \"t2\" base_path: \"t2\" }\n  config { name: \"e8\" base_path: \"e8\" }\n}\n");
        Load t2Load = numeric("t2", Predictor.of(t2), 784, 64, 3);

        // Both servers run side by side, and the 32-client comparison alternates between them round by
        // round: this machine's speed drifts by 10-20 % over minutes, more than the difference measured.
        Server direct = Server.start(config, false), batched = Server.start(config, true);
        warmUp(direct, t2Load, requests, seconds);
        warmUp(batched, t2Load, requests, seconds);
        Phase p1 = report("direct  1", run(direct, t2Load, 1, requests, seconds, null));
        report("direct  8", run(direct, t2Load, 8, requests, seconds, null));
        report("batched 8", run(batched, t2Load, 8, requests, seconds, null));
        List<Phase> direct32 = new ArrayList<>(), batched32 = new ArrayList<>();
        for (int round = 1; round <= ROUNDS_32; round++) {
            boolean directFirst = round % 2 == 1;
            for (Server s : directFirst ? List.of(direct, batched) : List.of(batched, direct)) {
                boolean d = s == direct;
                (d ? direct32 : batched32).add(report((d ? "direct  32 r" : "batched 32 r") + round, run(s, t2Load, 32, requests, seconds, null)));
            }
        }
        Phase p32 = median(direct32), b32 = median(batched32);
        System.out.printf(Locale.ROOT, "32 clients, median of %d rounds: direct %.0f req/s (server %.0f µs CPU/request), batched %.0f req/s (server %.0f µs CPU/request); batched/direct per round %s%n",
                ROUNDS_32, p32.rps, p32.serverCpuUs, b32.rps, b32.serverCpuUs, ratios(batched32, direct32));
        System.out.println("  mean rows per batch so far: " + meanBatch(batched.port));
        int directExit = direct.stop();
        // Versions swap under load in a phase of its own (loading takes CPU: it is not compared).
        report("batched 32 swap", run(batched, t2Load, 32, requests, seconds, () -> swapVersions(root.resolve("t2"), t2)));
        System.out.println("E8 through the server: " + post(batched.port, "/v1/models/e8:predict", e8Load.bodies[0]).body());
        // RSS: warm up to a steady heap, then the long run.
        REPORTED.add(run(batched, e8Load, 32, Math.min(rssRequests, 100_000), rssSeconds, null));
        long rssBefore = batched.rss();
        Phase rssPhase = report("e8 32 (RSS run)", run(batched, e8Load, 32, rssRequests, rssSeconds, null));
        long rssAfter = batched.rss();
        int batchedExit = batched.stop();
        System.out.printf(Locale.ROOT, "server RSS %.1f MB after warm-up, %.1f MB after %d E8 requests (%s, heap pre-touched); SIGTERM exit codes %d, %d%n",
                rssBefore / 1048576.0, rssAfter / 1048576.0, rssPhase.sent, SERVER_HEAP, directExit, batchedExit);
        long errors = REPORTED.stream().mapToLong(Phase::errors).sum() + (directExit == 0 ? 0 : 1) + (batchedExit == 0 ? 0 : 1);
        long mismatches = REPORTED.stream().mapToLong(Phase::mismatches).sum();
        System.out.printf(Locale.ROOT, "RESULT rps_1=%.0f p99_ms_1=%.2f rps_32=%.0f p99_ms_32=%.2f rps_32_batched=%.0f p99_ms_32_batched=%.2f errors=%d mismatches=%d rss_drift=%.1f%%%n",
                p1.rps, p1.p99ms, p32.rps, p32.p99ms, b32.rps, b32.p99ms, errors, mismatches, 100.0 * (rssAfter - rssBefore) / rssBefore);
        System.exit(0);
    }

    /**
     * Both servers get the same warm-up, long enough for the JIT to settle: with 5,000 requests the first
     * measured phase of a fresh server ran at 55–60 % of its later rate, which had made whichever server
     * was measured first look slower.
     */
    private static void warmUp(Server s, Load load, int requests, int seconds) throws Exception {
        for (int c : new int[] {8, 32}) REPORTED.add(run(s, load, c, 2 * requests, seconds, null)); // counted in errors, not printed
    }

    /** Rounds of the alternating 32-client comparison. */
    private static final int ROUNDS_32 = 5;

    /** The phase with the median throughput (rounds are odd in number). */
    private static Phase median(List<Phase> phases) {
        List<Phase> sorted = new ArrayList<>(phases);
        sorted.sort(java.util.Comparator.comparingDouble(Phase::rps));
        return sorted.get(sorted.size() / 2);
    }

    /** a[i].rps / b[i].rps for each round, two decimals. */
    private static String ratios(List<Phase> a, List<Phase> b) {
        List<String> r = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) r.add(String.format(Locale.ROOT, "%.2f", a.get(i).rps / b.get(i).rps));
        return String.join(" ", r);
    }

    /** Every phase (warm-ups too), for the error and mismatch totals. */
    private static final List<Phase> REPORTED = new ArrayList<>();

    private static Phase report(String name, Phase p) {
        REPORTED.add(p);
        System.out.printf(Locale.ROOT, "%-16s %8.0f req/s  p50 %6.2f ms  p99 %6.2f ms  CPU µs/request server %4.0f client %4.0f  errors %d  mismatches %d  malformed answered 4xx %d  (%d sent)%n",
                name, p.rps, p.p50ms, p.p99ms, p.serverCpuUs, p.clientCpuUs, p.errors, p.mismatches, p.malformed, p.sent);
        return p;
    }

    /** {@code rows} random rows of {@code width} values as {"instances": [[…]]} bodies, with the in-process answers. */
    private static Load numeric(String model, Predictor reference, int width, int rows, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        String[] bodies = new String[rows];
        float[][] expected = new float[rows][];
        for (int i = 0; i < rows; i++) {
            float[] row = new float[width];
            StringBuilder b = new StringBuilder("{\"instances\": [[");
            for (int j = 0; j < width; j++) {
                row[j] = (float) r.nextDouble();
                b.append(j == 0 ? "" : ",").append(row[j]);
            }
            bodies[i] = b.append("]]}").toString();
            expected[i] = reference.predict(row);
        }
        return new Load(model, bodies, expected, null);
    }

    /** The trained E8 model's raw readings (AT, AP, RH) as {"instances": [{…}]} bodies. */
    private static Load e8Raw(Predictor reference) {
        SplittableRandom r = new SplittableRandom(6);
        String[] bodies = new String[64];
        float[][] expected = new float[64][];
        String[] names = new String[0];
        for (int i = 0; i < 64; i++) {
            double at = 2 + 33 * r.nextDouble(), ap = 993 + 40 * r.nextDouble(), rh = 25 + 75 * r.nextDouble();
            bodies[i] = String.format(Locale.ROOT, "{\"instances\": [{\"AT\": %.2f, \"AP\": %.2f, \"RH\": %.2f}]}", at, ap, rh);
            Map<String, float[][]> out = reference.predictRaw(List.of(Map.of("AT", round(at), "AP", round(ap), "RH", round(rh))));
            names = out.keySet().toArray(String[]::new);
            expected[i] = new float[names.length];
            for (int j = 0; j < names.length; j++) expected[i][j] = out.get(names[j])[0][0];
        }
        return new Load("e8", bodies, expected, names.length > 1 ? names : null);
    }

    private static double round(double v) {
        return Double.parseDouble(String.format(Locale.ROOT, "%.2f", v));
    }

    private static void save(Model m, Path dir) throws Exception {
        Files.createDirectories(dir);
        m.save(dir.resolve("model.strata"));
    }

    /** Mid-run: the same weights as version 2 (answers stay comparable), then a corrupt version 3. */
    private static void swapVersions(Path base, Model t2) {
        try {
            save(t2, base.resolve("2"));
            Thread.sleep(1000);
            Files.createDirectories(base.resolve("3"));
            Files.writeString(base.resolve("3/model.strata"), "corrupt");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** strata_batch_size sum / count for t2, from the server's /metrics. */
    private static String meanBatch(int port) throws Exception {
        String text = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher sum = Pattern.compile("strata_batch_size_sum\\{model=\"t2\"[^}]*} (\\S+)").matcher(text);
        Matcher count = Pattern.compile("strata_batch_size_count\\{model=\"t2\"[^}]*} (\\S+)").matcher(text);
        if (!sum.find() || !count.find()) return "not in /metrics";
        return String.format(Locale.ROOT, "%.2f (%s batches)", Double.parseDouble(sum.group(1)) / Double.parseDouble(count.group(1)), count.group(1));
    }

    private static HttpResponse<String> post(int port, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Phase run(Server server, Load load, int clients, int requests, int seconds, Runnable midRun) throws Exception {
        int port = server.port;
        long serverCpu0 = server.cpuNanos(), clientCpu0 = clientCpuNanos();
        String path = "/v1/models/" + load.model + ":predict";
        AtomicInteger next = new AtomicInteger();
        AtomicLong errors = new AtomicLong(), mismatches = new AtomicLong(), malformed = new AtomicLong();
        int samples = Math.min(requests, 200_000); // latency of the first 200,000 (memory stays bounded)
        long[] nanos = new long[samples];
        AtomicInteger timed = new AtomicInteger();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            pool.execute(() -> {
                int i;
                while ((i = next.getAndIncrement()) < requests && System.nanoTime() < deadline) {
                    try {
                        if (i % 50 == 49) { // a malformed request: must be answered 4xx
                            HttpResponse<String> a = post(port, path, MALFORMED[(i / 50) % MALFORMED.length]);
                            if (a.statusCode() >= 400 && a.statusCode() < 500 && a.body().startsWith("{\"error\":")) malformed.incrementAndGet();
                            else errors.incrementAndGet();
                            continue;
                        }
                        int k = i % load.bodies.length;
                        long t0 = System.nanoTime();
                        HttpResponse<String> a = post(port, path, load.bodies[k]);
                        long took = System.nanoTime() - t0;
                        int slot = timed.getAndIncrement();
                        if (slot < samples) nanos[slot] = took;
                        if (a.statusCode() != 200) {
                            errors.incrementAndGet();
                            continue;
                        }
                        JsonNode row = JSON.readTree(a.body()).get("predictions").get(0);
                        float[] want = load.expected[k];
                        for (int j = 0; j < want.length; j++) {
                            JsonNode value = load.outputs != null ? row.path(load.outputs[j]).path(0) : row.isArray() ? row.get(j) : row;
                            float got = value.isNumber() ? value.floatValue() : Float.NaN;
                            if (!(Math.abs(got - want[j]) <= 1e-5f * Math.max(1f, Math.abs(want[j])))) { // NaN: a mismatch
                                mismatches.incrementAndGet();
                                break;
                            }
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                }
            });
        }
        if (midRun != null) {
            Thread.sleep(Math.min(2000, seconds * 300L));
            midRun.run();
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 60L, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - start) / 1e9;
        int n = Math.min(samples, timed.get());
        long[] sorted = Arrays.copyOf(nanos, n);
        Arrays.sort(sorted);
        double p50 = n == 0 ? Double.NaN : sorted[(int) Math.ceil(0.50 * n) - 1] / 1e6, p99 = n == 0 ? Double.NaN : sorted[(int) Math.ceil(0.99 * n) - 1] / 1e6;
        long sent = Math.min(requests, next.get());
        return new Phase(sent / elapsed, p50, p99, errors.get(), mismatches.get(), malformed.get(), sent,
                (server.cpuNanos() - serverCpu0) / 1e3 / Math.max(1, sent), (clientCpuNanos() - clientCpu0) / 1e3 / Math.max(1, sent));
    }

    /** CPU time of this JVM (the load generator), all threads. */
    private static long clientCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** `strata serve` in a child JVM on an ephemeral port of 127.0.0.1. */
    private record Server(Process process, int port) {
        private static final Pattern LISTENING = Pattern.compile("on http://127\\.0\\.0\\.1:(\\d+)");

        static Server start(Path config, boolean batching) throws Exception {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> cmd = new ArrayList<>(List.of(java, SERVER_HEAP, "-Xms384m", "-XX:+AlwaysPreTouch", "-cp", System.getProperty("java.class.path"),
                    "dev.strata.serve.ServeMain", "--model-config-file", config.toString(), "--port", "0", "--poll-seconds", "0.2"));
            if (!batching) cmd.add("--no-batching");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            CompletableFuture<Integer> port = new CompletableFuture<>();
            Thread echo = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        System.out.println("  [server " + p.pid() + "] " + line);
                        Matcher m = LISTENING.matcher(line);
                        if (m.find()) port.complete(Integer.parseInt(m.group(1)));
                    }
                } catch (Exception e) {
                    port.completeExceptionally(e);
                }
                port.completeExceptionally(new IllegalStateException("the server exited before listening"));
            }, "server-log");
            echo.setDaemon(true);
            echo.start();
            Server s = new Server(p, port.get(120, TimeUnit.SECONDS));
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < until) {
                try {
                    if (HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port + "/healthz")).build(),
                            HttpResponse.BodyHandlers.ofString()).statusCode() == 200) return s;
                } catch (java.io.IOException e) {
                    // not listening yet
                }
                Thread.sleep(50);
            }
            throw new IllegalStateException("the server did not become ready in 60 s");
        }

        /** User and system CPU time of the server process so far, from /proc/&lt;pid&gt;/stat (clock ticks of 10 ms). */
        long cpuNanos() throws Exception {
            String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" "); // fields from the 3rd on
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L; // utime, stime (14th, 15th)
        }

        /** VmRSS of the server process, from /proc. */
        long rss() throws Exception {
            for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
            throw new IllegalStateException("no VmRSS for process " + process.pid());
        }

        /** SIGTERM, then the exit code (graceful shutdown exits 0). */
        int stop() throws Exception {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        }
    }
}
