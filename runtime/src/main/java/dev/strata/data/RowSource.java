package dev.strata.data;

/**
 * Where a table row came from, for error messages.
 *
 * @param file the file as the caller named it, or {@code <memory>} for a table built in code
 * @param line the 1-based line of the row in the file (for a table built in code: row index + 1)
 */
public record RowSource(String file, long line) {
    @Override
    public String toString() {
        return file + ":" + line;
    }
}
