package dev.strata.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MNIST from the shipped archives. The real mirror cannot be reached here, so downloads are
 * tested against a local HTTP server serving the shipped files.
 */
class MnistTest {
    private static final Path SHIPPED = SampleData.DIR.resolve("mnist");
    private static Mnist mnist;

    @TempDir
    Path tmp;

    @BeforeAll
    static void loadOnce() {
        mnist = Mnist.load(SHIPPED);
    }

    @Test
    void loadsSixtyAndTenThousandLabelledDigits() {
        assertEquals(60_000, mnist.trainImages().count());
        assertEquals(10_000, mnist.testImages().count());
        assertEquals(28, mnist.trainImages().rows());
        assertEquals(784, mnist.testImages().pixelsPerImage());
        assertArrayEquals(new int[] {5, 0, 4, 1, 9, 2, 1, 3, 1, 4}, Arrays.copyOf(mnist.trainLabels(), 10));
        assertArrayEquals(new int[] {7, 2, 1, 0, 4, 1, 4, 9, 5, 9}, Arrays.copyOf(mnist.testLabels(), 10));
        int[] perDigit = new int[10];
        for (int label : mnist.trainLabels()) {
            perDigit[label]++;
        }
        assertArrayEquals(new int[] {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949}, perDigit);
        assertEquals(60_000 * 784, mnist.trainImages().toFloat(true).length);
    }

    @Test
    void shippedArchivesMatchThePins() {
        for (DatasetCache.Pinned file : Mnist.FILES) {
            assertTrue(file.sha256().contains(DatasetCache.sha256(SHIPPED.resolve(file.name()))), file.name());
        }
    }

    @Test
    void readsRawFilesToo() throws IOException {
        for (DatasetCache.Pinned file : Mnist.FILES) {
            String raw = file.name().replace(".gz", "");
            try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(SHIPPED.resolve(file.name())))) {
                Files.copy(in, tmp.resolve(raw));
            }
        }
        Mnist fromRaw = Mnist.load(tmp);
        assertArrayEquals(mnist.testLabels(), fromRaw.testLabels());
        assertEquals(mnist.testImages().pixel(9999, 14, 14), fromRaw.testImages().pixel(9999, 14, 14));
    }

    @Test
    void missingFileSaysWhatIsNeeded() {
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> Mnist.load(tmp));
        assertTrue(e.getMessage().contains("MNIST needs train-images-idx3-ubyte.gz (or train-images-idx3-ubyte) in " + tmp),
                e.getMessage());
    }

    @Test
    void verifiedCacheUsesFilesWithThePinnedChecksumAndDownloadsNothing() throws IOException {
        copyShippedTo(tmp);
        // An unreachable mirror proves nothing is downloaded.
        Mnist cached = Mnist.loadCached(tmp, URI.create("http://127.0.0.1:9/nowhere/"));
        assertArrayEquals(mnist.trainLabels(), cached.trainLabels());
    }

    @Test
    void cachedFileWithAWrongChecksumIsAClearError() throws IOException {
        copyShippedTo(tmp);
        Path labels = tmp.resolve("t10k-labels-idx1-ubyte.gz");
        byte[] bytes = Files.readAllBytes(labels);
        bytes[bytes.length / 2] ^= 1;
        Files.write(labels, bytes);
        String actual = DatasetCache.sha256(labels);

        ChecksumMismatchException e = assertThrows(ChecksumMismatchException.class,
                () -> Mnist.loadCached(tmp, URI.create("http://127.0.0.1:9/nowhere/")));
        assertEquals(labels + ": SHA-256 mismatch: expected "
                + "909a5aeb9fcec3f171b427c45622a55f69dc15dd80bd0624413cbfbe12553c1c or "
                + "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6, got " + actual
                + "; the cached file is damaged or not the pinned data; delete it to download it again", e.getMessage());
        assertEquals(actual, e.actualSha256());
        assertArrayEquals(bytes, Files.readAllBytes(labels), "a file Strata did not write is left alone");
    }

    @Test
    void missingFilesAreDownloadedFromTheMirrorAndVerified() throws IOException {
        Path mirror = Files.createDirectory(tmp.resolve("mirror"));
        copyShippedTo(mirror);
        Path cache = tmp.resolve("cache");
        HttpServer server = serve(mirror);
        try {
            Mnist downloaded = Mnist.loadCached(cache, mirrorUri(server));
            assertArrayEquals(mnist.testLabels(), downloaded.testLabels());
        } finally {
            server.stop(0);
        }
        for (DatasetCache.Pinned file : Mnist.FILES) {
            assertArrayEquals(Files.readAllBytes(SHIPPED.resolve(file.name())), Files.readAllBytes(cache.resolve(file.name())));
        }
        try (var left = Files.list(cache)) {
            assertEquals(4, left.count(), "no partial downloads left behind");
        }
    }

    @Test
    void downloadWithAWrongChecksumLeavesNothingInTheCache() throws IOException {
        Path mirror = Files.createDirectory(tmp.resolve("mirror"));
        copyShippedTo(mirror);
        Files.write(mirror.resolve("train-labels-idx1-ubyte.gz"), new byte[] {1, 2, 3});
        Path cache = tmp.resolve("cache");
        HttpServer server = serve(mirror);
        try {
            URI uri = mirrorUri(server);
            ChecksumMismatchException e = assertThrows(ChecksumMismatchException.class, () -> Mnist.loadCached(cache, uri));
            assertTrue(e.getMessage().startsWith(uri.resolve("train-labels-idx1-ubyte.gz") + ": SHA-256 mismatch"),
                    e.getMessage());
            assertTrue(e.getMessage().endsWith("the mirror served other bytes; nothing was written to " + cache),
                    e.getMessage());
        } finally {
            server.stop(0);
        }
        assertFalse(Files.exists(cache.resolve("train-labels-idx1-ubyte.gz")));
        try (var left = Files.list(cache)) {
            assertEquals(1, left.count(), "only the train images, downloaded before, are cached");
        }
    }

    @Test
    void failedDownloadNamesTheUrlAndTheMirrorNeedsNoTrailingSlash() {
        Path cache = tmp.resolve("cache");
        URI mirror = URI.create(tmp.resolve("no-mirror").toUri().toString().replaceAll("/$", ""));
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> Mnist.loadCached(cache, mirror));
        // URI normalisation writes file:/tmp for file:///tmp, so compare the path part.
        assertTrue(e.getMessage().startsWith("cannot download file:"), e.getMessage());
        assertTrue(e.getMessage().contains(tmp.resolve("no-mirror").resolve("train-images-idx3-ubyte.gz") + " to "
                + cache.resolve("train-images-idx3-ubyte.gz") + ": java.io.FileNotFoundException"), e.getMessage());
    }

    @Test
    void defaultDirectoryHonoursStrataData() {
        assertEquals(Path.of("/data/strata", "mnist"), Mnist.defaultDirectory("/data/strata", "/home/u"));
        assertEquals(Path.of("/home/u", ".strata", "datasets", "mnist"), Mnist.defaultDirectory(null, "/home/u"));
        assertEquals(Path.of("/home/u", ".strata", "datasets", "mnist"), Mnist.defaultDirectory(" ", "/home/u"));
    }

    private static void copyShippedTo(Path dir) throws IOException {
        for (DatasetCache.Pinned file : Mnist.FILES) {
            Files.copy(SHIPPED.resolve(file.name()), dir.resolve(file.name()));
        }
    }

    /** Serves the files of a directory over HTTP on a free local port; 404 for anything else. */
    private static HttpServer serve(Path dir) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/mnist/", exchange -> {
            Path file = dir.resolve(exchange.getRequestURI().getPath().substring("/mnist/".length()));
            if (Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(200, Files.size(file));
                try (OutputStream out = exchange.getResponseBody()) {
                    Files.copy(file, out);
                }
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
            exchange.close();
        });
        server.start();
        return server;
    }

    private static URI mirrorUri(HttpServer server) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/mnist/");
    }
}
