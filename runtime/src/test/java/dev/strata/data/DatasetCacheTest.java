package dev.strata.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetCacheTest {
    /** SHA-256 of the three bytes "abc" (FIPS 180-2 test vector). */
    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @TempDir
    Path tmp;

    @Test
    void sha256OfAKnownVector() throws IOException {
        assertEquals(ABC, DatasetCache.sha256(Files.writeString(tmp.resolve("abc"), "abc")));
    }

    @Test
    void fetchesFromAFileMirrorAndThenUsesTheCache() throws IOException {
        Path mirror = Files.createDirectory(tmp.resolve("mirror"));
        Files.writeString(mirror.resolve("abc.txt"), "abc");
        Path cache = tmp.resolve("cache");
        DatasetCache.Pinned pinned = new DatasetCache.Pinned("abc.txt", Set.of(ABC.toUpperCase()));

        Path fetched = DatasetCache.fetch(cache, pinned, mirror.toUri());
        assertEquals(cache.resolve("abc.txt"), fetched);
        assertEquals("abc", Files.readString(fetched));

        Files.delete(mirror.resolve("abc.txt"));
        assertEquals(fetched, DatasetCache.fetch(cache, pinned, mirror.toUri()));
    }

    @Test
    void pinnedFileNeedsAChecksum() {
        assertThrows(IllegalArgumentException.class, () -> new DatasetCache.Pinned("x", Set.of()));
    }
}
