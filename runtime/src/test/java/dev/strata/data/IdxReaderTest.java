package dev.strata.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
    @TempDir
    Path tmp;

    /** A valid IDX image file of {@code count} 2×3 images; pixel values count up from 250, wrapping. */
    private static byte[] images(int count) {
        ByteBuffer b = ByteBuffer.allocate(16 + count * 6);
        b.putInt(IdxReader.IMAGES_MAGIC).putInt(count).putInt(2).putInt(3);
        for (int i = 0; i < count * 6; i++) {
            b.put((byte) (250 + i));
        }
        return b.array();
    }

    private static byte[] labels(int... values) {
        ByteBuffer b = ByteBuffer.allocate(8 + values.length);
        b.putInt(IdxReader.LABELS_MAGIC).putInt(values.length);
        for (int v : values) {
            b.put((byte) v);
        }
        return b.array();
    }

    private static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(raw);
        }
        return bytes.toByteArray();
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(tmp.resolve(name), content);
    }

    @Test
    void realMnistTestImagesAndLabels() {
        IdxImages images = IdxReader.readImages(SampleData.file("mnist/t10k-images-idx3-ubyte.gz"));
        assertEquals(10_000, images.count());
        assertEquals(28, images.rows());
        assertEquals(28, images.columns());
        int[] labels = IdxReader.readLabels(SampleData.file("mnist/t10k-labels-idx1-ubyte.gz"));
        assertEquals(10_000, labels.length);
        assertArrayEquals(new int[] {7, 2, 1, 0, 4, 1, 4, 9, 5, 9}, Arrays.copyOf(labels, 10));
        // The first test image, a 7: the corner is blank, the stroke is dark.
        assertEquals(0, images.pixel(0, 0, 0));
        float[] first = images.images(new int[] {0}, true);
        assertEquals(784, first.length);
        float max = 0;
        for (float v : first) {
            assertTrue(v >= 0 && v <= 1);
            max = Math.max(max, v);
        }
        assertEquals(1f, max);
    }

    @Test
    void unsignedBytesBecomeFloatsOptionallyScaled() throws IOException {
        IdxImages images = IdxReader.readImages(write("img", images(2)));
        assertEquals(250, images.pixel(0, 0, 0));
        assertEquals(255, images.pixel(0, 1, 2));
        assertEquals(0, images.pixel(1, 0, 0));
        float[] raw = images.toFloat(false);
        assertArrayEquals(new float[] {250, 251, 252, 253, 254, 255, 0, 1, 2, 3, 4, 5}, raw);
        float[][] scaled = images.toMatrix(true);
        assertEquals(1f, scaled[0][5]);
        assertEquals(250 / 255f, scaled[0][0]);
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5, 250, 251, 252, 253, 254, 255},
                images.images(new int[] {1, 0}, false));
    }

    @Test
    void gzipIsDetectedByContentNotName() throws IOException {
        int[] fromGzip = IdxReader.readLabels(write("labels.raw", gzip(labels(3, 1, 4))));
        int[] fromRaw = IdxReader.readLabels(write("labels.gz", labels(3, 1, 4)));
        assertArrayEquals(new int[] {3, 1, 4}, fromGzip);
        assertArrayEquals(fromGzip, fromRaw);
    }

    @Test
    void truncatedImageFileNamesExpectedAndActualBytesAndTheRecord() throws IOException {
        byte[] whole = images(3);
        Path file = write("short-images", Arrays.copyOf(whole, whole.length - 4)); // image 2 lacks 4 of its 6 bytes
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.readImages(file));
        assertEquals(file + ": truncated: expected 34 bytes (16-byte header + 3 images of 6 bytes), got 30;"
                + " image 2 (0-based) and after are missing", e.getMessage());
    }

    @Test
    void truncatedGzipIsReportedLikeATruncatedFile() throws IOException {
        byte[] gz = gzip(images(1000));
        Path file = write("cut.gz", Arrays.copyOf(gz, gz.length / 2));
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.readImages(file));
        assertEquals(file.toString(), e.file());
        assertTrue(e.getMessage().startsWith(file + ": corrupt or truncated gzip data after "), e.getMessage());
        assertTrue(e.getMessage().contains("of the 6016 expected"), e.getMessage());
    }

    @Test
    void truncatedLabelsAndHeader() throws IOException {
        Path labels = write("short-labels", Arrays.copyOf(labels(1, 2, 3, 4), 10));
        assertEquals(labels + ": truncated: expected 12 bytes (8-byte header + 4 labels of 1 bytes), got 10;"
                        + " label 2 (0-based) and after are missing",
                assertThrows(DataFormatException.class, () -> IdxReader.readLabels(labels)).getMessage());
        Path header = write("header", new byte[] {0, 0, 8, 3, 0, 0, 0});
        assertEquals(header + ": truncated IDX header: expected 16 bytes, got 7",
                assertThrows(DataFormatException.class, () -> IdxReader.readImages(header)).getMessage());
    }

    @Test
    void extraBytesAfterTheLastRecordAreAnError() throws IOException {
        byte[] whole = labels(1, 2);
        Path file = write("long-labels", Arrays.copyOf(whole, whole.length + 3));
        assertEquals(file + ": 3 extra bytes after the last of 2 labels: expected 10 bytes, got 13",
                assertThrows(DataFormatException.class, () -> IdxReader.readLabels(file)).getMessage());
    }

    @Test
    void wrongKindOfFileNamesBothMagicNumbers() throws IOException {
        Path file = write("labels", labels(1));
        assertEquals(file + ": magic number 2049 (IDX labels), expected 2051 (IDX images)",
                assertThrows(DataFormatException.class, () -> IdxReader.readImages(file)).getMessage());
        Path png = write("png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 0, 0, 0, 0, 0});
        assertEquals(png + ": magic number -1991225785 (0x89504e47, not a supported IDX file), expected 2049 (IDX labels)",
                assertThrows(DataFormatException.class, () -> IdxReader.readLabels(png)).getMessage());
    }
}
