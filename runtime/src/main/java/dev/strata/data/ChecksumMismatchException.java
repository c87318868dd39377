package dev.strata.data;

import java.util.Set;

/**
 * A downloaded or cached file whose SHA-256 is none of the pinned checksums: a partial download,
 * a corrupted cache or a mirror serving other bytes. Strata never uses such a file.
 */
public final class ChecksumMismatchException extends DataFormatException {
    private static final long serialVersionUID = 1L;

    private final String actualSha256;

    /**
     * @param file the file (or URL) whose bytes were checked
     * @param expectedSha256 the accepted checksums, lower-case hex
     * @param actualSha256 the checksum of the bytes found, lower-case hex
     * @param advice what the user can do about it, appended to the message
     */
    public ChecksumMismatchException(String file, Set<String> expectedSha256, String actualSha256, String advice) {
        super(file, "SHA-256 mismatch: expected " + String.join(" or ", expectedSha256.stream().sorted().toList())
                + ", got " + actualSha256 + "; " + advice);
        this.actualSha256 = actualSha256;
    }

    /** @return the SHA-256 of the rejected bytes, lower-case hex */
    public String actualSha256() {
        return actualSha256;
    }
}
