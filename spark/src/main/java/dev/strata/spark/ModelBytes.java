package dev.strata.spark;

import dev.strata.model.Model;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A saved Strata model as bytes (the {@code .strata} file) with its SHA-256: what a Spark
 * broadcast carries to the executors. {@link #model()} loads it once per executor JVM and
 * hands every task there the same {@link Model}, whose predictions are thread-safe.
 */
public final class ModelBytes implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Models loaded in this JVM by content hash: a few, most recently used last. */
    private static final Map<String, Model> LOADED = new LinkedHashMap<>(8, 0.75f, true);
    private static final int KEEP = 4;
    private static final java.util.concurrent.atomic.AtomicInteger CACHE_LOADS = new java.util.concurrent.atomic.AtomicInteger();

    private final byte[] bytes;
    private final String sha256;

    private ModelBytes(byte[] bytes) {
        this.bytes = bytes;
        this.sha256 = sha256(bytes);
    }

    /** Reads a saved model file. */
    public static ModelBytes read(Path file) {
        try {
            return new ModelBytes(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Saves a model (atomically, through a temporary file) and keeps its bytes. */
    public static ModelBytes of(Model model) {
        Path tmp = null;
        try {
            tmp = Files.createTempFile("strata-spark", ".strata");
            model.save(tmp);
            return new ModelBytes(Files.readAllBytes(tmp));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise model '" + model.name() + "': " + e.getMessage(), e);
        } finally {
            delete(tmp);
        }
    }

    /** Wraps the bytes of a saved model file (as {@link #bytes()} gave them). */
    public static ModelBytes of(byte[] file) {
        return new ModelBytes(file.clone());
    }

    /** A copy of the file's bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The SHA-256 of the file, hex: the cache key. */
    public String sha256() {
        return sha256;
    }

    /** Size of the file in bytes. */
    public int size() {
        return bytes.length;
    }

    /** The model, loaded at most once per JVM for these bytes (shared: predict only). */
    public Model model() {
        synchronized (LOADED) {
            Model m = LOADED.get(sha256);
            if (m == null) {
                m = load();
                CACHE_LOADS.incrementAndGet();
                LOADED.put(sha256, m);
                if (LOADED.size() > KEEP) LOADED.remove(LOADED.keySet().iterator().next());
            }
            return m;
        }
    }

    /** How many times {@link #model()} has loaded a model in this JVM (a cache miss): for checks and monitoring. */
    public static int cacheLoads() {
        return CACHE_LOADS.get();
    }

    /** A fresh, private copy of the model (training replicas change their weights). */
    public Model load() {
        Path tmp = null;
        try {
            tmp = Files.createTempFile("strata-spark", ".strata");
            Files.write(tmp, bytes);
            return Model.load(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the broadcast model: " + e.getMessage(), e);
        } finally {
            delete(tmp);
        }
    }

    private static void delete(Path p) {
        if (p == null) return;
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a temporary file left behind is harmless
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
