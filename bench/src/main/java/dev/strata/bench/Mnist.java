package dev.strata.bench;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads the MNIST training set from gzip-compressed IDX files ({@code train-images-idx3-ubyte.gz},
 * {@code train-labels-idx1-ubyte.gz}), scaling pixels to [0, 1].
 */
public final class Mnist {
    private static final int IMAGES_MAGIC = 2051;
    private static final int LABELS_MAGIC = 2049;

    /** Pixels per image (28×28). */
    public static final int PIXELS = 28 * 28;

    /** Images as {@code [n][784]} in [0, 1] and labels 0–9, both for the first {@code n} examples. */
    public record Examples(float[][] images, int[] labels) {}

    private Mnist() {}

    /** Whether {@code dir} holds both training files. */
    public static boolean present(Path dir) {
        return Files.isRegularFile(dir.resolve("train-images-idx3-ubyte.gz"))
                && Files.isRegularFile(dir.resolve("train-labels-idx1-ubyte.gz"));
    }

    /** Reads the first {@code n} training examples of {@code dir}. */
    public static Examples readTrain(Path dir, int n) throws IOException {
        float[][] images = new float[n][PIXELS];
        int[] labels = new int[n];
        try (DataInputStream in = open(dir.resolve("train-images-idx3-ubyte.gz"))) {
            expect(in.readInt(), IMAGES_MAGIC, "images");
            int count = in.readInt();
            int h = in.readInt();
            int w = in.readInt();
            if (count < n || h * w != PIXELS) {
                throw new IOException("MNIST images: need " + n + " of 28x28, file has " + count + " of " + h + "x" + w);
            }
            byte[] buf = new byte[PIXELS];
            for (int i = 0; i < n; i++) {
                in.readFully(buf);
                for (int p = 0; p < PIXELS; p++) {
                    images[i][p] = (buf[p] & 0xFF) / 255f; // pixel bytes are unsigned
                }
            }
        }
        try (DataInputStream in = open(dir.resolve("train-labels-idx1-ubyte.gz"))) {
            expect(in.readInt(), LABELS_MAGIC, "labels");
            int count = in.readInt();
            if (count < n) {
                throw new IOException("MNIST labels: need " + n + ", file has " + count);
            }
            for (int i = 0; i < n; i++) {
                labels[i] = in.readUnsignedByte();
            }
        }
        return new Examples(images, labels);
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream raw = Files.newInputStream(file);
        return new DataInputStream(new GZIPInputStream(raw, 1 << 16));
    }

    private static void expect(int magic, int wanted, String what) throws IOException {
        if (magic != wanted) {
            throw new IOException("MNIST " + what + ": bad IDX magic " + magic + ", expected " + wanted);
        }
    }
}
