package dev.strata.data;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the tests find their data: the project's {@code samples/data} and the test resources. */
final class SampleData {
    /** {@code samples/data}, relative to the runtime module (Maven runs tests from the module directory). */
    static final Path DIR = Path.of("..", "samples", "data");

    private SampleData() {
    }

    /** @return a file under {@code samples/data}, failing clearly if the tests run from elsewhere */
    static Path file(String name) {
        Path path = DIR.resolve(name);
        assertTrue(Files.isRegularFile(path), () -> path.toAbsolutePath() + " not found: run the tests from the runtime module");
        return path;
    }

    /** @return a test resource under {@code data/} as a file path */
    static Path resource(String name) {
        try {
            return Path.of(SampleData.class.getResource("/data/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new AssertionError("test resource data/" + name + " not found", e);
        }
    }
}
