package dev.strata.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLConnection;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A directory of downloaded data files, each pinned by SHA-256.
 *
 * <p>{@link #fetch} uses a file already in the directory if its checksum is one of the pinned
 * ones, and fails with a {@link ChecksumMismatchException} if it is not (it never overwrites a
 * file it did not write, and never uses one it cannot vouch for). A missing file is downloaded to
 * a temporary file in the same directory, checked, then moved into place atomically, so an
 * interrupted or corrupt download never leaves a file under the final name.
 */
public final class DatasetCache {
    private static final int CONNECT_TIMEOUT_MS = 30_000;
    private static final int READ_TIMEOUT_MS = 60_000;

    private DatasetCache() {
    }

    /**
     * A file of a data set and the SHA-256 checksums its bytes may have.
     *
     * @param name the file name, also its name on the mirror
     * @param sha256 accepted checksums, lower-case hex (more than one when mirrors serve
     *     different compressions of the same data)
     */
    public record Pinned(String name, Set<String> sha256) {
        /** Normalises the checksums to lower case and copies them. */
        public Pinned {
            Objects.requireNonNull(name, "name");
            sha256 = Set.copyOf(sha256.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList());
            if (sha256.isEmpty()) {
                throw new IllegalArgumentException("no checksum pinned for " + name);
            }
        }
    }

    /**
     * Makes sure {@code dir} holds the file with a pinned checksum, downloading it from
     * {@code mirror} if absent.
     *
     * @param dir the cache directory, created if needed
     * @param file the file and its checksums
     * @param mirror the base URL; the file is fetched from {@code mirror.resolve(file.name())}
     *     (any scheme {@link java.net.URL} supports: https, http, file)
     * @return the verified file
     * @throws ChecksumMismatchException if the cached or downloaded bytes have another checksum
     * @throws UncheckedIOException if the download or the file system fails
     */
    public static Path fetch(Path dir, Pinned file, URI mirror) {
        Path target = dir.resolve(file.name());
        if (Files.exists(target)) {
            String actual = sha256(target);
            if (!file.sha256().contains(actual)) {
                throw new ChecksumMismatchException(target.toString(), file.sha256(), actual,
                        "the cached file is damaged or not the pinned data; delete it to download it again");
            }
            return target;
        }
        // Without a trailing slash, resolve() would replace the mirror's last path segment.
        URI base = mirror.toString().endsWith("/") ? mirror : URI.create(mirror + "/");
        URI url = base.resolve(file.name());
        Path partial = null;
        try {
            Files.createDirectories(dir);
            partial = Files.createTempFile(dir, file.name() + ".", ".part");
            String actual = download(url, partial);
            if (!file.sha256().contains(actual)) {
                throw new ChecksumMismatchException(url.toString(), file.sha256(), actual,
                        "the mirror served other bytes; nothing was written to " + dir);
            }
            moveIntoPlace(partial, target);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot download " + url + " to " + target + ": " + e
                    + "; you can put the file there by hand (SHA-256 " + String.join(" or ", file.sha256().stream().sorted().toList()) + ")", e);
        } finally {
            deleteQuietly(partial);
        }
    }

    /**
     * @return the SHA-256 of a file, lower-case hex
     * @throws UncheckedIOException if it cannot be read
     */
    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return digest(in, OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** @return the SHA-256 of the bytes written to {@code into} */
    private static String download(URI url, Path into) throws IOException {
        URLConnection connection = url.toURL().openConnection();
        connection.setConnectTimeout(CONNECT_TIMEOUT_MS);
        connection.setReadTimeout(READ_TIMEOUT_MS);
        if (connection instanceof HttpURLConnection http && http.getResponseCode() != HttpURLConnection.HTTP_OK) {
            throw new IOException("HTTP " + http.getResponseCode() + " " + http.getResponseMessage());
        }
        try (InputStream in = connection.getInputStream(); OutputStream out = Files.newOutputStream(into)) {
            return digest(in, out);
        }
    }

    /** Copies {@code in} to {@code out}, returning the SHA-256 of what passed through. */
    private static String digest(InputStream in, OutputStream out) throws IOException {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        try (DigestInputStream digesting = new DigestInputStream(in, sha256)) {
            digesting.transferTo(out);
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    private static void moveIntoPlace(Path partial, Path target) throws IOException {
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A leftover .part file is harmless: it is never read under the final name.
        }
    }
}
