package dev.strata.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strata.graph.Graph;
import dev.strata.losses.Loss;
import dev.strata.metrics.Metric;
import dev.strata.model.Model;
import dev.strata.model.Weights;
import dev.strata.ops.DType;
import dev.strata.ops.Parameter;
import dev.strata.ops.Tensor;
import dev.strata.optimizers.Optimizer;
import dev.strata.optimizers.OptimizerState;
import dev.strata.training.CompileOptions;
import dev.strata.training.Trainer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The {@code .strata} model file: a zip holding {@code strata.json} (format version, architecture,
 * compile settings, training counters, metadata such as fitted scalers), {@code weights.bin} and
 * {@code optimizer.bin}. Written to a temporary file and moved into place; read without running
 * or deserializing any code from the file (zip CRCs catch corruption).
 */
public final class ModelFile {
    /** The format this version writes and reads. */
    public static final int FORMAT_VERSION = 1;
    private static final String FORMAT = "strata-model";

    private ModelFile() {}

    /** Saves a model atomically. */
    public static void save(Model model, Path path) {
        Path target = path.toAbsolutePath();
        Path tmp = null;
        try {
            Files.createDirectories(target.getParent());
            tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(tmp))) {
                entry(zip, "strata.json", JsonCodec.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(describe(model)));
                entry(zip, "weights.bin", weights(model));
                entry(zip, "optimizer.bin", optimizer(model));
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ModelFileException("cannot save model to " + path + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // The move succeeded or the failure is already reported.
                }
            }
        }
    }

    /** Loads a model; it is compiled again when its losses are built-in. */
    public static Model load(Path path) {
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(path))) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) entries.put(e.getName(), zip.readAllBytes());
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ModelFileException("model file " + path + " does not exist", e);
        } catch (EOFException | ZipException e) {
            throw new ModelFileException("model file " + path + " is truncated or corrupt: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ModelFileException("cannot read model file " + path + ": " + e.getMessage(), e);
        }
        for (String need : List.of("strata.json", "weights.bin", "optimizer.bin")) {
            if (!entries.containsKey(need)) {
                throw new ModelFileException("model file " + path + " is truncated or not a Strata model: it has no " + need
                        + (entries.isEmpty() ? " (no zip entries could be read)" : ""));
            }
        }
        try {
            JsonNode root = JsonCodec.MAPPER.readTree(entries.get("strata.json"));
            String format = root.path("format").asText();
            int version = root.path("version").asInt(-1);
            if (!FORMAT.equals(format)) throw new ModelFileException("model file " + path + " is not a Strata model (format '" + format + "')");
            if (version != FORMAT_VERSION) {
                throw new ModelFileException("model file " + path + " has format version " + version + "; this Strata reads version " + FORMAT_VERSION);
            }
            Graph graph = JsonCodec.readGraph(root.required("graph"));
            DType dtype = DType.valueOf(root.required("dtype").asText());
            Model model = Model.of(root.path("name").asText("model"), graph, new Weights(), root.path("seed").asLong(), dtype);
            readWeights(model, entries.get("weights.bin"));
            root.path("metadata").fields().forEachRemaining(f -> model.metadata().put(f.getKey(), f.getValue().asText()));
            JsonNode compile = root.path("compile");
            if (!compile.isMissingNode() && !compile.isNull()) restoreTraining(model, compile, root.path("training"), entries.get("optimizer.bin"));
            return model;
        } catch (ModelFileException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ModelFileException("model file " + path + " is corrupt: " + e.getMessage(), e);
        }
    }

    private static void entry(ZipOutputStream zip, String name, byte[] data) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(data);
        zip.closeEntry();
    }

    private static ObjectNode describe(Model model) {
        ObjectNode root = JsonCodec.MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", FORMAT_VERSION);
        root.put("name", model.name());
        root.put("seed", model.seed());
        root.put("dtype", model.dtype().name());
        root.set("graph", JsonCodec.writeGraph(model.graph()));
        ObjectNode meta = root.putObject("metadata");
        model.metadata().forEach(meta::put);
        if (model.isCompiled()) {
            Trainer t = model.trainer();
            ObjectNode c = root.putObject("compile");
            c.set("optimizer", JsonCodec.MAPPER.valueToTree(t.options().optimizer()));
            ObjectNode losses = c.putObject("losses");
            ObjectNode weights = c.putObject("lossWeights");
            ObjectNode metrics = c.putObject("metrics");
            t.losses().forEach((out, loss) -> {
                losses.put(out, loss instanceof Loss.Custom ? "custom:" + loss.name() : loss.name());
                weights.put(out, t.options().lossWeights().getOrDefault(out, 1.0));
            });
            for (String out : t.losses().keySet()) {
                ArrayNode ms = metrics.putArray(out);
                List<Metric> all = new java.util.ArrayList<>(t.options().defaultMetrics());
                all.addAll(t.options().metrics().getOrDefault(out, List.of()));
                for (Metric m : all) if (!(m instanceof Metric.Custom)) ms.add(m.name());
                if (t.options().accuracyOutputs().contains("*") || t.options().accuracyOutputs().contains(out)) ms.add("accuracy");
            }
            ObjectNode training = root.putObject("training");
            training.put("iterations", t.optimizerState().iterations());
            training.put("epochs", t.epochsDone());
        }
        return root;
    }

    private static void restoreTraining(Model model, JsonNode compile, JsonNode training, byte[] optimizerBin) throws IOException {
        CompileOptions.Builder b = CompileOptions.builder().optimizer(JsonCodec.MAPPER.treeToValue(compile.required("optimizer"), Optimizer.class));
        var losses = compile.required("losses").fields();
        while (losses.hasNext()) {
            var f = losses.next();
            // A custom loss is code: it is not in the file, so the user compiles again.
            if (f.getValue().asText().startsWith("custom:")) return;
            b.loss(f.getKey(), Loss.named(f.getValue().asText()), compile.path("lossWeights").path(f.getKey()).asDouble(1.0));
        }
        var metrics = compile.path("metrics").fields();
        while (metrics.hasNext()) {
            var f = metrics.next();
            for (JsonNode m : f.getValue()) {
                if (m.asText().equals("accuracy")) b.accuracy(f.getKey());
                else b.metrics(f.getKey(), Metric.named(m.asText()));
            }
        }
        Trainer t = model.compile(b.build());
        OptimizerState state = t.optimizerState();
        state.setIterations(training.path("iterations").asLong());
        t.setEpochsDone(training.path("epochs").asInt());
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(optimizerBin));
        int count = in.readInt();
        for (int i = 0; i < count; i++) {
            String name = in.readUTF();
            int slots = in.readInt();
            Tensor[] values = new Tensor[slots];
            for (int s = 0; s < slots; s++) values[s] = readTensor(in).to(model.dtype());
            state.restore(name, values, model.dtype());
        }
    }

    private static byte[] weights(Model model) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        List<Parameter> all = model.weights().all();
        out.writeInt(all.size());
        for (Parameter p : all) {
            out.writeUTF(p.name());
            out.writeBoolean(p.trainable());
            writeTensor(out, p.get());
        }
        out.flush();
        return bytes.toByteArray();
    }

    private static void readWeights(Model model, byte[] data) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
        Map<String, Parameter> byName = new HashMap<>();
        for (Parameter p : model.weights().all()) byName.put(p.name(), p);
        int count = in.readInt();
        if (count != byName.size()) throw new IOException("weights.bin holds " + count + " weights, the architecture needs " + byName.size());
        for (int i = 0; i < count; i++) {
            String name = in.readUTF();
            boolean trainable = in.readBoolean();
            Tensor value = readTensor(in);
            Parameter p = byName.get(name);
            if (p == null) throw new IOException("weights.bin holds unknown weight '" + name + "'");
            p.set(value);
            p.setTrainable(trainable);
        }
    }

    private static byte[] optimizer(Model model) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        if (!model.isCompiled()) {
            out.writeInt(0);
        } else {
            Map<String, Tensor[]> slots = model.trainer().optimizerState().slots();
            out.writeInt(slots.size());
            for (Map.Entry<String, Tensor[]> e : slots.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeInt(e.getValue().length);
                for (Tensor t : e.getValue()) writeTensor(out, t);
            }
        }
        out.flush();
        return bytes.toByteArray();
    }

    private static void writeTensor(DataOutputStream out, Tensor t) throws IOException {
        int[] shape = t.shape();
        out.writeByte(t.dtype() == DType.FLOAT64 ? 1 : 0);
        out.writeInt(shape.length);
        for (int d : shape) out.writeInt(d);
        if (t.dtype() == DType.FLOAT64) for (double v : t.toDoubleArray()) out.writeDouble(v);
        else for (float v : t.toFloatArray()) out.writeFloat(v);
    }

    private static Tensor readTensor(DataInputStream in) throws IOException {
        int type = in.readByte();
        int rank = in.readInt();
        if (rank < 0 || rank > 8) throw new IOException("bad tensor rank " + rank);
        int[] shape = new int[rank];
        long n = 1;
        for (int i = 0; i < rank; i++) {
            shape[i] = in.readInt();
            if (shape[i] < 0) throw new IOException("bad tensor dimension " + shape[i]);
            n *= shape[i];
        }
        if (n > in.available() / (type == 1 ? 8 : 4) + 1) throw new IOException("tensor of " + n + " values is longer than the data left");
        if (type == 1) {
            double[] v = new double[(int) n];
            for (int i = 0; i < n; i++) v[i] = in.readDouble();
            return Tensor.of(v, shape);
        }
        float[] v = new float[(int) n];
        for (int i = 0; i < n; i++) v[i] = in.readFloat();
        return Tensor.of(v, shape);
    }
}
