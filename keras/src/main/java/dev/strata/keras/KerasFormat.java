package dev.strata.keras;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** What a file is, told by its first bytes (never by its extension: some ".keras" files are HDF5). */
public enum KerasFormat {
    /** HDF5: a Keras 2 / tf.keras full model (with {@code model_config}) or a weights-only file. */
    HDF5,
    /** A zip: Keras 3's {@code .keras} (config.json, metadata.json, model.weights.h5). */
    ZIP,
    /** JSON text: an architecture ({@code model.to_json()}) that needs a weights file beside it. */
    JSON;

    private static final byte[] HDF5_MAGIC = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    /** Detects the format, or fails naming the file and what its first bytes were. */
    public static KerasFormat detect(Path path) {
        byte[] head = new byte[8];
        int n;
        try (InputStream in = Files.newInputStream(path)) {
            n = in.readNBytes(head, 0, 8);
        } catch (IOException e) {
            throw new KerasImportException(path + ": cannot read the file (" + e.getMessage() + ")", e);
        }
        if (n == 8 && java.util.Arrays.equals(head, HDF5_MAGIC)) return HDF5;
        if (n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) return ZIP;
        for (int i = 0; i < n; i++) {
            if (Character.isWhitespace(head[i])) continue;
            if (head[i] == '{') return JSON;
            break;
        }
        throw new KerasImportException(path + ": not a Keras file: expected HDF5 (\\x89HDF), a zip (PK\\x03\\x04) or JSON ({), got bytes "
                + java.util.HexFormat.ofDelimiter(" ").formatHex(head, 0, n));
    }
}
