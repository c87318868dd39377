package dev.strata.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files (the MNIST format): a big-endian header, then unsigned bytes. Two kinds are
 * supported: magic 2051, images ({@code count × rows × columns}), and magic 2049, labels
 * ({@code count}). Gzip-compressed files are recognised by their first two bytes, whatever the
 * file is called.
 *
 * <p>A file must hold exactly what its header promises: a short file, a corrupt gzip stream or
 * extra bytes after the last record are a {@link DataFormatException} naming the file, the
 * expected and actual byte counts and the first incomplete record.
 */
public final class IdxReader {
    /** Magic number of an IDX file of unsigned-byte images (type 0x08, three dimensions). */
    public static final int IMAGES_MAGIC = 0x0803;
    /** Magic number of an IDX file of unsigned-byte labels (type 0x08, one dimension). */
    public static final int LABELS_MAGIC = 0x0801;

    private static final int GZIP_MAGIC = 0x8b1f;
    private static final int CHUNK = 1 << 16;

    private IdxReader() {
    }

    /**
     * @param file an IDX image file, gzip-compressed or raw
     * @return the images, pixels as unsigned bytes
     * @throws DataFormatException if the file is not an image file or is truncated or malformed
     * @throws UncheckedIOException if the file cannot be read
     */
    public static IdxImages readImages(Path file) {
        try (InputStream in = open(file)) {
            String name = file.toString();
            int[] header = readHeader(in, name, IMAGES_MAGIC, 3);
            int count = header[0];
            int rows = header[1];
            int columns = header[2];
            if (rows <= 0 || columns <= 0) {
                throw new DataFormatException(name, "image size " + rows + "x" + columns + " in the header is not positive");
            }
            byte[] pixels = readRecords(in, name, count, rows * columns, 16, "image");
            return new IdxImages(pixels, count, rows, columns);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param file an IDX label file, gzip-compressed or raw
     * @return the labels, 0 to 255
     * @throws DataFormatException if the file is not a label file or is truncated or malformed
     * @throws UncheckedIOException if the file cannot be read
     */
    public static int[] readLabels(Path file) {
        try (InputStream in = open(file)) {
            String name = file.toString();
            int count = readHeader(in, name, LABELS_MAGIC, 1)[0];
            byte[] bytes = readRecords(in, name, count, 1, 8, "label");
            int[] labels = new int[count];
            for (int i = 0; i < count; i++) {
                labels[i] = Byte.toUnsignedInt(bytes[i]);
            }
            return labels;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static InputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), CHUNK);
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        boolean gzip = first >= 0 && second >= 0 && (first | second << 8) == GZIP_MAGIC;
        return gzip ? new BufferedInputStream(new GZIPInputStream(in, CHUNK), CHUNK) : in;
    }

    /** @return the dimensions after the magic number */
    private static int[] readHeader(InputStream in, String file, int magic, int dimensions) throws IOException {
        // The magic number first, so that a wrong kind of file is named as such even if it is short.
        byte[] magicBytes = new byte[4];
        int got = readFully(in, magicBytes, 0, 4, file, 4);
        if (got < 4) {
            throw new DataFormatException(file, "truncated IDX header: expected at least 4 bytes, got " + got);
        }
        int found = bigEndian(magicBytes, 0);
        if (found != magic) {
            throw new DataFormatException(file, "magic number " + describe(found) + ", expected " + describe(magic));
        }
        int headerBytes = 4 + 4 * dimensions;
        byte[] dimBytes = new byte[4 * dimensions];
        got = readFully(in, dimBytes, 4, dimBytes.length, file, headerBytes);
        if (got < dimBytes.length) {
            throw new DataFormatException(file, "truncated IDX header: expected " + headerBytes + " bytes, got " + (4 + got));
        }
        int[] dims = new int[dimensions];
        for (int d = 0; d < dimensions; d++) {
            dims[d] = bigEndian(dimBytes, 4 * d);
        }
        if (dims[0] < 0) {
            throw new DataFormatException(file, "record count " + dims[0] + " in the header is negative");
        }
        return dims;
    }

    /** Reads exactly {@code count × recordSize} bytes and checks that nothing follows. */
    private static byte[] readRecords(InputStream in, String file, int count, int recordSize, int headerBytes,
                                      String record) throws IOException {
        long payload = (long) count * recordSize;
        long expected = headerBytes + payload;
        if (payload > Integer.MAX_VALUE - 8) {
            throw new DataFormatException(file, "header promises " + count + " " + record + "s of " + recordSize
                    + " bytes, more than one array can hold");
        }
        byte[] data = new byte[(int) payload];
        int got = readFully(in, data, headerBytes, data.length, file, expected);
        if (got < data.length) {
            throw new DataFormatException(file, "truncated: expected " + expected + " bytes (" + headerBytes
                    + "-byte header + " + count + " " + record + "s of " + recordSize + " bytes), got "
                    + (headerBytes + got) + "; " + record + " " + (got / recordSize) + " (0-based) and after are missing");
        }
        long extra = 0;
        while (in.read() >= 0) {
            extra++;
        }
        if (extra > 0) {
            throw new DataFormatException(file, extra + " extra bytes after the last of " + count + " " + record
                    + "s: expected " + expected + " bytes, got " + (expected + extra));
        }
        return data;
    }

    /**
     * Reads until {@code length} bytes or the end of the stream; a corrupt or cut gzip stream is
     * reported with how far it got.
     *
     * @param offset bytes of the file before this read, for messages
     * @return the bytes read
     */
    private static int readFully(InputStream in, byte[] into, long offset, int length, String file, long expected)
            throws IOException {
        int got = 0;
        try {
            while (got < length) {
                int n = in.read(into, got, Math.min(CHUNK, length - got));
                if (n < 0) {
                    break;
                }
                got += n;
            }
        } catch (EOFException | ZipException e) {
            throw new DataFormatException(file, "corrupt or truncated gzip data after " + (offset + got)
                    + " decompressed bytes of the " + expected + " expected: " + e.getMessage());
        }
        return got;
    }

    private static int bigEndian(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }

    private static String describe(int magic) {
        return switch (magic) {
            case IMAGES_MAGIC -> "2051 (IDX images)";
            case LABELS_MAGIC -> "2049 (IDX labels)";
            default -> magic + String.format(" (0x%08x, not a supported IDX file)", magic);
        };
    }
}
