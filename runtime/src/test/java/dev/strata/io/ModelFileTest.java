package dev.strata.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.activations.Activation;
import dev.strata.layers.Dense;
import dev.strata.layers.Dropout;
import dev.strata.model.Model;
import dev.strata.model.Sequential;
import dev.strata.ops.Tensor;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Corrupt, truncated, foreign and wrong-version files get clear errors; dropout models reload identically. */
class ModelFileTest {
    private static Path saved(Path dir) {
        Model m = new Sequential(3).add(Dense.of("h", 4, Activation.RELU)).add(new Dropout("drop", 0.5))
                .add(Dense.of("out", 1, Activation.SIGMOID)).build(9, dev.strata.ops.DType.FLOAT32);
        Path file = dir.resolve("m.strata");
        m.save(file);
        return file;
    }

    @Test void truncatedFile(@TempDir Path dir) throws Exception {
        Path file = saved(dir);
        byte[] all = Files.readAllBytes(file);
        Path cut = dir.resolve("cut.strata");
        Files.write(cut, Arrays.copyOf(all, all.length / 2));
        var e = assertThrows(ModelFileException.class, () -> Model.load(cut));
        assertTrue(e.getMessage().startsWith("model file " + cut + " is truncated"), e.getMessage());
    }

    @Test void corruptBytes(@TempDir Path dir) throws Exception {
        Path file = saved(dir);
        byte[] all = Files.readAllBytes(file);
        for (int i = 60; i < 200; i++) all[i] ^= 0x5a;
        Path bad = dir.resolve("bad.strata");
        Files.write(bad, all);
        var e = assertThrows(ModelFileException.class, () -> Model.load(bad));
        assertTrue(e.getMessage().contains(bad.toString()) && (e.getMessage().contains("corrupt") || e.getMessage().contains("truncated")),
                e.getMessage());
    }

    @Test void notAModelAndMissingFile(@TempDir Path dir) throws Exception {
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "hello");
        var e = assertThrows(ModelFileException.class, () -> Model.load(text));
        assertTrue(e.getMessage().contains("not a Strata model"), e.getMessage());
        var f = assertThrows(ModelFileException.class, () -> Model.load(dir.resolve("absent.strata")));
        assertEquals("model file " + dir.resolve("absent.strata") + " does not exist", f.getMessage());
    }

    @Test void wrongVersion(@TempDir Path dir) throws Exception {
        Path file = saved(dir);
        Path future = dir.resolve("future.strata");
        rewriteJson(file, future, json -> json.replace("\"version\" : 1", "\"version\" : 99"));
        var e = assertThrows(ModelFileException.class, () -> Model.load(future));
        assertEquals("model file " + future + " has format version 99; this Strata reads version 1", e.getMessage());
    }

    @Test void unknownLayerTypeIsRejectedNotInstantiated(@TempDir Path dir) throws Exception {
        Path file = saved(dir);
        Path evil = dir.resolve("evil.strata");
        rewriteJson(file, evil, json -> json.replace("\"type\" : \"Dropout\"", "\"type\" : \"java.lang.ProcessBuilder\""));
        var e = assertThrows(ModelFileException.class, () -> Model.load(evil));
        assertTrue(e.getMessage().contains("is corrupt") && e.getMessage().contains("java.lang.ProcessBuilder"), e.getMessage());
    }

    @Test void reloadedDropoutModelPredictsIdentically(@TempDir Path dir) {
        Path file = saved(dir);
        Model a = Model.load(file), b = Model.load(file);
        Tensor x = Tensor.of(new float[] {0.1f, 0.5f, -0.3f, 1f, 2f, 3f}, 2, 3);
        assertEquals(a.predict(x), b.predict(x));
        assertEquals(a.predict(x), a.predict(x), "dropout is off at inference");
    }

    private interface Edit {
        String apply(String json);
    }

    private static void rewriteJson(Path from, Path to, Edit edit) throws Exception {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(from));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                byte[] data = in.readAllBytes();
                if (e.getName().equals("strata.json")) data = edit.apply(new String(data, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(data);
                out.closeEntry();
            }
        }
        assertTrue(Files.size(to) > 0, new ByteArrayOutputStream().toString());
    }
}
