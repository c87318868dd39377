package dev.strata.data;

import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The MNIST handwritten digits: 60,000 training and 10,000 test images of 28 × 28 pixels, with
 * their labels 0 to 9.
 *
 * <pre>{@code
 * Mnist mnist = Mnist.load();                       // cached, downloaded once, checksummed
 * float[] x = mnist.trainImages().toFloat(true);    // 60000 × 784, in [0, 1]
 * float[][] y = OneHot.toCategorical(mnist.trainLabels(), 10);
 * }</pre>
 *
 * @param trainImages the 60,000 training images
 * @param trainLabels their labels
 * @param testImages the 10,000 test images
 * @param testLabels their labels
 */
public record Mnist(IdxImages trainImages, int[] trainLabels, IdxImages testImages, int[] testLabels) {

    /** The mirror TensorFlow uses (the original site, yann.lecun.com, now refuses downloads). */
    public static final URI DEFAULT_MIRROR = URI.create("https://storage.googleapis.com/cvdf-datasets/mnist/");

    /**
     * The four archives and their accepted SHA-256 checksums. Two per file: the original LeCun
     * archive as the mirror serves it (pinned alike by TensorFlow Datasets and torchvision), and the
     * re-compressed copy shipped in {@code samples/data/mnist}. Both decompress to the same IDX bytes.
     */
    public static final List<DatasetCache.Pinned> FILES = List.of(
            new DatasetCache.Pinned("train-images-idx3-ubyte.gz", Set.of(
                    "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
                    "d2cebd02927d553943b2679536bf602ec0cdcb6555ad87dda5d640e1d425faaf")),
            new DatasetCache.Pinned("train-labels-idx1-ubyte.gz", Set.of(
                    "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
                    "2a107763ddf1eef92815bfbb1b855b662a7228add9dfab29de697c644d666cda")),
            new DatasetCache.Pinned("t10k-images-idx3-ubyte.gz", Set.of(
                    "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
                    "4e612d6003de73386763f2c35c044ab376e830da80adb2347651a1f182f103a1")),
            new DatasetCache.Pinned("t10k-labels-idx1-ubyte.gz", Set.of(
                    "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6",
                    "909a5aeb9fcec3f171b427c45622a55f69dc15dd80bd0624413cbfbe12553c1c")));

    private static final int CLASSES = 10;

    /** Checks that every image has a label. */
    public Mnist {
        if (trainImages.count() != trainLabels.length || testImages.count() != testLabels.length) {
            throw new IllegalArgumentException("images and labels differ in number: train " + trainImages.count()
                    + " vs " + trainLabels.length + ", test " + testImages.count() + " vs " + testLabels.length);
        }
        trainLabels = trainLabels.clone();
        testLabels = testLabels.clone();
    }

    /** @return a copy of the training labels */
    @Override
    public int[] trainLabels() {
        return trainLabels.clone();
    }

    /** @return a copy of the test labels */
    @Override
    public int[] testLabels() {
        return testLabels.clone();
    }

    /**
     * Keras style: reads the four archives from {@link #defaultDirectory()}, downloading from
     * {@link #DEFAULT_MIRROR} the ones that are missing; every file is checked against
     * {@link #FILES} before use.
     *
     * @throws ChecksumMismatchException if a cached or downloaded file is not the pinned data
     * @throws UncheckedIOException if a download fails (e.g. no network)
     */
    public static Mnist load() {
        return loadCached(defaultDirectory(), DEFAULT_MIRROR);
    }

    /**
     * Reads the four archives from {@code cacheDir}, first downloading from {@code mirror} those
     * missing; each is verified against {@link #FILES}.
     *
     * @param cacheDir where the archives are kept, created if needed
     * @param mirror base URL holding the four {@code .gz} files
     * @throws ChecksumMismatchException if a cached or downloaded file is not the pinned data
     * @throws UncheckedIOException if a download fails
     */
    public static Mnist loadCached(Path cacheDir, URI mirror) {
        for (DatasetCache.Pinned file : FILES) {
            DatasetCache.fetch(cacheDir, file, mirror);
        }
        return load(cacheDir);
    }

    /**
     * Reads the four standard files from a directory, each gzip-compressed ({@code name.gz},
     * preferred) or raw ({@code name}). No checksum is checked: the files are the caller's, but
     * their format and counts are.
     *
     * @throws DataFormatException if a file is malformed or a label is not a digit
     * @throws UncheckedIOException if a file is missing or unreadable
     */
    public static Mnist load(Path dir) {
        Path trainImages = find(dir, "train-images-idx3-ubyte");
        Path trainLabels = find(dir, "train-labels-idx1-ubyte");
        Path testImages = find(dir, "t10k-images-idx3-ubyte");
        Path testLabels = find(dir, "t10k-labels-idx1-ubyte");
        IdxImages train = IdxReader.readImages(trainImages);
        IdxImages test = IdxReader.readImages(testImages);
        return new Mnist(train, labels(trainLabels, train), test, labels(testLabels, test));
    }

    /**
     * @return {@code $STRATA_DATA/mnist} when the environment variable {@code STRATA_DATA} is set,
     *     else {@code ~/.strata/datasets/mnist}
     */
    public static Path defaultDirectory() {
        return defaultDirectory(System.getenv("STRATA_DATA"), System.getProperty("user.home"));
    }

    /** The rule of {@link #defaultDirectory()}, with its inputs given (for tests). */
    static Path defaultDirectory(String strataData, String userHome) {
        if (strataData != null && !strataData.isBlank()) {
            return Path.of(strataData, "mnist");
        }
        return Path.of(userHome, ".strata", "datasets", "mnist");
    }

    private static Path find(Path dir, String name) {
        Path gz = dir.resolve(name + ".gz");
        if (Files.exists(gz)) {
            return gz;
        }
        Path raw = dir.resolve(name);
        if (Files.exists(raw)) {
            return raw;
        }
        throw new UncheckedIOException(new NoSuchFileException(gz.toString(), null,
                "MNIST needs " + name + ".gz (or " + name + ") in " + dir + "; Mnist.load() downloads the files"));
    }

    private static int[] labels(Path file, IdxImages images) {
        int[] labels = IdxReader.readLabels(file);
        if (labels.length != images.count()) {
            throw new DataFormatException(file.toString(), labels.length + " labels for " + images.count()
                    + " images");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] >= CLASSES) {
                throw new DataFormatException(file.toString(), "label " + i + " (0-based) is " + labels[i]
                        + ", not a digit 0-9");
            }
        }
        return labels;
    }
}
