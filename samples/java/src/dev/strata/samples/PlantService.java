package dev.strata.samples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.strata.serving.Predictor;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * A Java service embedding a {@link Predictor}: {@code GET /predict?AT=8.34&AP=1010.84&RH=90.01}
 * answers {@code {"pe": …, "v": …}} from the E8 model file (raw readings through its saved
 * preprocessing). Built on the JDK's own HTTP server, so the sample needs nothing beyond the
 * runtime; a Spring Boot controller would hold the same three lines around {@code predictRaw}.
 *
 * <pre>
 * java dev.strata.samples.PlantService [model file] [port]
 * </pre>
 */
public final class PlantService {
    private PlantService() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : "samples/target/power_plant.strata");
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 8080;
        Predictor predictor = Predictor.load(file); // thread-safe: shared by every request thread
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/predict", exchange -> {
            try {
                Map<String, Double> row = readings(exchange.getRequestURI().getRawQuery());
                Map<String, float[][]> out = predictor.predictRaw(List.of(row));
                reply(exchange, 200, String.format(Locale.ROOT, "{\"pe\": %s, \"v\": %s}", out.get("pe")[0][0], out.get("v")[0][0]));
            } catch (RuntimeException e) {
                reply(exchange, 400, "{\"error\": \"" + e.getMessage().replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
            }
        });
        server.start();
        System.out.println("PlantService on http://127.0.0.1:" + port + "/predict?AT=8.34&AP=1010.84&RH=90.01");
    }

    /** AT, AP and RH from the query string; a missing or non-numeric one is an error naming it. */
    private static Map<String, Double> readings(String query) {
        Map<String, String> q = new java.util.HashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) q.put(pair.substring(0, eq), java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        Map<String, Double> row = new java.util.LinkedHashMap<>();
        for (String column : List.of("AT", "AP", "RH")) {
            String v = q.get(column);
            if (v == null) throw new IllegalArgumentException("missing query parameter '" + column + "'");
            try {
                row.put(column, Double.parseDouble(v));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("query parameter '" + column + "' is not a number: '" + v + "'");
            }
        }
        return row;
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
