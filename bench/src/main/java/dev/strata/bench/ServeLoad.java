package dev.strata.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.activations.Activation;
import dev.strata.layers.Dense;
import dev.strata.model.Model;
import dev.strata.model.Sequential;
import dev.strata.ops.DType;
import dev.strata.serve.ModelServer;
import dev.strata.serve.ModelSource;
import dev.strata.serve.ServeConfig;
import dev.strata.serving.Predictor;
import dev.strata.serving.PredictorOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load test of {@code strata serve} on 127.0.0.1 (bench/serve): T2 (784-256-128-10) and E8 models,
 * single-row requests from 1, 8 and 32 clients, with and without dynamic batching, every answer
 * checked against the in-process prediction, malformed requests mixed in (each must get a 4xx),
 * and, mid-run, a good new version then a corrupt one. Bounded by a request count and a time limit
 * per phase. The server runs in this JVM, so the RSS figures include the load generator.
 *
 * <pre>java dev.strata.bench.ServeLoad [requests per phase] [seconds per phase] [E8 model file]</pre>
 */
public final class ServeLoad {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private record Phase(String name, double rps, double p50ms, double p99ms, long errors, long mismatches, long malformed) {}

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        Path e8 = Path.of(args.length > 2 ? args[2] : "samples/target/power_plant.strata");
        Path root = Files.createTempDirectory("strata-bench-serve");
        Model t2 = new Sequential(784).add(Dense.of("h1", 256, Activation.RELU)).add(Dense.of("h2", 128, Activation.RELU))
                .add(Dense.of("out", 10, Activation.SOFTMAX)).build(7, DType.FLOAT32);
        save(t2, root.resolve("t2/1"));
        boolean hasE8 = Files.exists(e8);
        if (hasE8) Files.createDirectories(root.resolve("e8/1"));
        if (hasE8) Files.copy(e8, root.resolve("e8/1/model.strata"));
        List<ModelSource> models = new ArrayList<>(List.of(new ModelSource("t2", root.resolve("t2"))));
        if (hasE8) models.add(new ModelSource("e8", root.resolve("e8")));
        Predictor reference = Predictor.of(t2);
        float[][] rows = new float[64][784];
        SplittableRandom r = new SplittableRandom(3);
        for (float[] row : rows) for (int i = 0; i < row.length; i++) row[i] = (float) r.nextDouble();
        String[] bodies = new String[rows.length];
        float[][] expected = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            StringBuilder b = new StringBuilder("{\"instances\": [[");
            for (int j = 0; j < 784; j++) b.append(j == 0 ? "" : ",").append(rows[i][j]);
            bodies[i] = b.append("]]}").toString();
            expected[i] = reference.predict(rows[i]);
        }
        List<Phase> phases = new ArrayList<>();
        long rssBefore = 0, rssAfter = 0;
        for (boolean batching : new boolean[] {false, true}) {
            PredictorOptions opts = batching ? PredictorOptions.batched(32, 500, 1024) : PredictorOptions.DIRECT;
            ModelServer server = new ModelServer(new ServeConfig(models, "127.0.0.1", 0, Duration.ofMillis(200), opts, 16 << 20, false,
                    Duration.ofSeconds(1), Duration.ofSeconds(10))).start();
            while (!server.getReady()) Thread.sleep(20);
            if (hasE8) checkE8(server.getPort());
            int[] clients = batching ? new int[] {32} : new int[] {1, 8, 32};
            for (int c : clients) {
                run(server.getPort(), bodies, expected, 8, Math.min(requests, 500), 10, null); // warm-up
                if (rssBefore == 0) rssBefore = rss();
                Runnable midRun = batching ? () -> swapVersions(root.resolve("t2"), t2) : null;
                Phase p = run(server.getPort(), bodies, expected, c, requests, seconds, midRun);
                phases.add(new Phase((batching ? "batched " : "direct ") + c, p.rps, p.p50ms, p.p99ms, p.errors, p.mismatches, p.malformed));
                System.out.printf(Locale.ROOT, "%-10s clients: %8.0f req/s  p50 %6.2f ms  p99 %6.2f ms  errors %d  mismatches %d  malformed answered 4xx %d%n",
                        (batching ? "batched " : "direct ") + c, p.rps, p.p50ms, p.p99ms, p.errors, p.mismatches, p.malformed);
            }
            server.stop();
        }
        System.gc();
        rssAfter = rss();
        long errors = phases.stream().mapToLong(Phase::errors).sum(), mismatches = phases.stream().mapToLong(Phase::mismatches).sum();
        Phase p1 = phases.get(0), p32 = phases.get(2), b32 = phases.get(3);
        System.out.printf(Locale.ROOT, "RSS %d MB after warm-up, %d MB at the end (server and load generator share this JVM)%n", rssBefore >> 20, rssAfter >> 20);
        System.out.printf(Locale.ROOT, "RESULT rps_1=%.0f p99_ms_1=%.2f rps_32=%.0f p99_ms_32=%.2f rps_32_batched=%.0f p99_ms_32_batched=%.2f errors=%d mismatches=%d rss_drift=%.1f%%%n",
                p1.rps, p1.p99ms, p32.rps, p32.p99ms, b32.rps, b32.p99ms, errors, mismatches, 100.0 * (rssAfter - rssBefore) / rssBefore);
        System.exit(0);
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

    private static void checkE8(int port) throws Exception {
        HttpResponse<String> a = post(port, "/v1/models/e8:predict", "{\"instances\": [{\"AT\": 8.34, \"AP\": 1010.84, \"RH\": 90.01}]}");
        System.out.println("E8 through the server: " + a.statusCode() + " " + a.body());
    }

    private static HttpResponse<String> post(int port, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static final String[] MALFORMED = {"{\"instances\": [[1, 2", "{\"instances\": [[\"a\"]]}", "{\"instances\": [[1, 2, 3]]}", "{}"};

    private static Phase run(int port, String[] bodies, float[][] expected, int clients, int requests, int seconds, Runnable midRun) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicLong errors = new AtomicLong(), mismatches = new AtomicLong(), malformed = new AtomicLong();
        long[] nanos = new long[requests];
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
                            HttpResponse<String> a = post(port, "/v1/models/t2:predict", MALFORMED[(i / 50) % MALFORMED.length]);
                            if (a.statusCode() >= 400 && a.statusCode() < 500 && a.body().startsWith("{\"error\":")) malformed.incrementAndGet();
                            else errors.incrementAndGet();
                            continue;
                        }
                        int k = i % bodies.length;
                        long t0 = System.nanoTime();
                        HttpResponse<String> a = post(port, "/v1/models/t2:predict", bodies[k]);
                        nanos[timed.getAndIncrement()] = System.nanoTime() - t0;
                        if (a.statusCode() != 200) {
                            errors.incrementAndGet();
                            continue;
                        }
                        JsonNode row = JSON.readTree(a.body()).get("predictions").get(0);
                        for (int j = 0; j < expected[k].length; j++) {
                            if (Math.abs(row.get(j).floatValue() - expected[k][j]) > 1e-5f) {
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
        int n = timed.get();
        long[] sorted = Arrays.copyOf(nanos, n);
        Arrays.sort(sorted);
        double p50 = n == 0 ? Double.NaN : sorted[(int) Math.ceil(0.50 * n) - 1] / 1e6, p99 = n == 0 ? Double.NaN : sorted[(int) Math.ceil(0.99 * n) - 1] / 1e6;
        return new Phase("", Math.min(requests, next.get()) / elapsed, p50, p99, errors.get(), mismatches.get(), malformed.get());
    }

    /** Resident set size of this process, from /proc. */
    private static long rss() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
        return -1;
    }
}
