package dev.strata.keras;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.model.Model;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Imports Keras models as Strata models: Keras 3 {@code .keras} zips, Keras 2 / tf.keras full-model
 * {@code .h5} files, and a JSON architecture with a weights-only {@code .h5}. The format is told by
 * the file's first bytes. HDF5 is read in pure Java (jhdf); nothing in the file is ever executed:
 * layers are looked up by class name in a fixed list, and anything else fails naming the layer.
 *
 * <pre>{@code
 * Model model = KerasImport.load(Path.of("model.keras"));
 * Tensor y = model.predict(x);
 * }</pre>
 *
 * <p>A model with a training configuration the runtime supports comes back compiled and can train
 * on; otherwise it is uncompiled and {@link ImportedModel#notes()} says why.
 */
public final class KerasImport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private KerasImport() {}

    /** A Strata model from a Keras file (format detected from its first bytes). */
    public static Model load(Path path) {
        return read(path, null, Map.of()).model();
    }

    /**
     * As {@link #load(Path)}, with fixed shapes (batch axis excluded) for inputs Keras declared with
     * a variable-size axis ({@code (None, None, 8)} sequences): Strata models have fixed shapes.
     */
    public static Model load(Path path, Map<String, int[]> inputShapes) {
        return read(path, null, inputShapes).model();
    }

    /** A Strata model from a JSON architecture ({@code model.to_json()}) and a weights-only HDF5 file. */
    public static Model load(Path architectureJson, Path weightsH5) {
        return read(architectureJson, weightsH5, Map.of()).model();
    }

    /**
     * The full import result: the model, the Keras version and format, and notes (compiled or why
     * not). {@code weights} may be null except for a JSON architecture.
     */
    public static ImportedModel read(Path path, Path weights, Map<String, int[]> inputShapes) {
        String file = path.getFileName().toString();
        KerasFormat format = KerasFormat.detect(path);
        return switch (format) {
            case ZIP -> fromZip(path, file, inputShapes);
            case HDF5 -> {
                try (HdfFile h5 = new HdfFile(path)) {
                    String config = attribute(h5, "model_config");
                    if (config == null) {
                        throw new KerasImportException(file + ": an HDF5 file without a model_config attribute (weights only?):"
                                + " pass the architecture JSON with KerasImport.load(json, weights)");
                    }
                    Node mw = h5.getChildren().get("model_weights");
                    KerasWeights w = new LegacyH5Weights(mw instanceof Group g ? g : h5, file);
                    yield assemble(parse(config, file), parseOrNull(attribute(h5, "training_config"), file), w,
                            attribute(h5, "keras_version"), format, file, inputShapes);
                } catch (RuntimeException e) {
                    throw wrap(e, file);
                }
            }
            case JSON -> {
                if (weights == null) throw new KerasImportException(file + ": a JSON architecture needs its weights file: KerasImport.load(json, weights)");
                JsonNode arch = readJson(path, file);
                try (HdfFile h5 = new HdfFile(weights)) {
                    String wfile = weights.getFileName().toString();
                    // A full-model .h5 given as the weights file: its weights are under model_weights.
                    Node mw = h5.getChildren().get("model_weights");
                    KerasWeights w = h5.getChildren().containsKey("layers") || h5.getChildren().containsKey("_layer_checkpoint_dependencies")
                            ? new V3Weights(h5, wfile) : new LegacyH5Weights(mw instanceof Group g ? g : h5, wfile);
                    String version = arch.path("keras_version").asText(attribute(h5, "keras_version"));
                    yield assemble(arch, null, w, version, format, file, inputShapes);
                } catch (RuntimeException e) {
                    throw wrap(e, weights.getFileName().toString());
                }
            }
        };
    }

    private static ImportedModel fromZip(Path path, String file, Map<String, int[]> inputShapes) {
        try (ZipFile zip = new ZipFile(path.toFile())) {
            JsonNode config = parse(new String(entry(zip, "config.json", file), java.nio.charset.StandardCharsets.UTF_8), file);
            ZipEntry meta = zip.getEntry("metadata.json");
            String version = meta == null ? "3" : parse(new String(zip.getInputStream(meta).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), file)
                    .path("keras_version").asText("3");
            try (HdfFile h5 = HdfFile.fromBytes(entry(zip, "model.weights.h5", file))) {
                return assemble(config, config.get("compile_config"), new V3Weights(h5, file + "!model.weights.h5"), version,
                        KerasFormat.ZIP, file, inputShapes);
            }
        } catch (IOException e) {
            throw new KerasImportException(file + ": cannot read the zip (" + e.getMessage() + ")", e);
        } catch (RuntimeException e) {
            throw wrap(e, file);
        }
    }

    private static byte[] entry(ZipFile zip, String name, String file) throws IOException {
        ZipEntry e = zip.getEntry(name);
        if (e == null) throw new KerasImportException(file + ": the zip has no " + name + " (a Keras 3 .keras file holds config.json and model.weights.h5)");
        try (InputStream in = zip.getInputStream(e)) {
            return in.readAllBytes();
        }
    }

    private static ImportedModel assemble(JsonNode modelConfig, JsonNode training, KerasWeights weights, String version, KerasFormat format,
                                          String file, Map<String, int[]> inputShapes) {
        boolean keras3 = version != null && version.startsWith("3");
        Model model = new GraphAssembler(keras3, file, inputShapes).build(modelConfig);
        new WeightAssigner(weights, file).assign(modelConfig, model);
        List<String> notes = new ArrayList<>();
        String compiled = TrainingConfigs.compile(training, model, file);
        notes.add(compiled == null ? "no training configuration in the file: loaded uncompiled" : compiled);
        try {
            model.metadata().put("keras_import", JSON.writeValueAsString(Map.of("file", file, "keras_version", String.valueOf(version),
                    "format", format.name(), "notes", notes)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return new ImportedModel(model, format, version, notes);
    }

    private static String attribute(Node node, String name) {
        Attribute a = node.getAttribute(name);
        return a == null ? null : Hdf5Arrays.text(a.getData());
    }

    private static JsonNode readJson(Path path, String file) {
        try {
            return JSON.readTree(path.toFile());
        } catch (JsonProcessingException e) {
            throw new KerasImportException(file + ": invalid JSON (" + e.getOriginalMessage() + ")", e);
        } catch (IOException e) {
            throw new KerasImportException(file + ": cannot read the file (" + e.getMessage() + ")", e);
        }
    }

    private static JsonNode parse(String text, String file) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new KerasImportException(file + ": invalid JSON in the model config (" + e.getOriginalMessage() + ")", e);
        }
    }

    private static JsonNode parseOrNull(String text, String file) {
        return text == null ? null : parse(text, file);
    }

    /** Keeps our own errors; anything from a library deep inside becomes one naming the file. */
    private static RuntimeException wrap(RuntimeException e, String file) {
        if (e instanceof KerasImportException) return e;
        if (e instanceof dev.strata.layers.LayerException || e instanceof dev.strata.graph.GraphException) {
            return new KerasImportException(file + ": " + e.getMessage(), e);
        }
        return new KerasImportException(file + ": cannot import (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
    }
}
