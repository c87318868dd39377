package dev.strata.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.ops.Tensor;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The Keras files under test resources {@code keras/} (see NOTICE.md there) and readers for their recorded data. */
final class Fixtures {
    /** Keras's predictions are matched within 1e-5: absolutely for values up to 1, relatively above. */
    static final double TOL = 1e-5;

    private Fixtures() {}

    static Path root() {
        try {
            return Path.of(Fixtures.class.getResource("/keras/README.md").toURI()).getParent();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path file(String relative) {
        return root().resolve(relative);
    }

    static List<Path> list(String folder, String suffix) {
        try (Stream<Path> s = Files.walk(file(folder))) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Tensor tensor(Dataset d) {
        WeightArray a = Hdf5Arrays.read(d.getName(), d);
        return Tensor.of(a.values(), a.shape());
    }

    /** One group of a DL4J inputs_and_outputs file ("inputs", "predictions") by dataset name; empty when absent. */
    static Map<String, Tensor> group(Path io, String name) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        try (HdfFile h5 = new HdfFile(io)) {
            Node g = h5.getChildren().get(name);
            if (g instanceof Group group) {
                for (Node n : group.getChildren().values()) if (n instanceof Dataset d) out.put(n.getName(), tensor(d));
            }
        }
        return out;
    }

    /** A numpy .npy file of little-endian float64 or float32. */
    static Tensor npy(Path path) throws IOException {
        byte[] b = Files.readAllBytes(path);
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int major = b[6];
        int headerLen = major == 1 ? Short.toUnsignedInt(buf.getShort(8)) : buf.getInt(8);
        int start = major == 1 ? 10 : 12;
        String header = new String(b, start, headerLen, java.nio.charset.StandardCharsets.US_ASCII);
        Matcher descr = Pattern.compile("'descr': '([<|])(f[48])'").matcher(header);
        Matcher shape = Pattern.compile("'shape': \\(([^)]*)\\)").matcher(header);
        if (!descr.find() || !shape.find() || header.contains("'fortran_order': True")) throw new IOException(path + ": unsupported npy header " + header);
        int[] dims = Stream.of(shape.group(1).split(",")).map(String::trim).filter(s -> !s.isEmpty()).mapToInt(Integer::parseInt).toArray();
        int count = 1;
        for (int d : dims) count *= d;
        double[] v = new double[count];
        buf.position(start + headerLen);
        for (int i = 0; i < count; i++) v[i] = descr.group(2).equals("f8") ? buf.getDouble() : buf.getFloat();
        return Tensor.of(v, dims);
    }

    /** Whitespace-separated rows (hls4ml's tb_*.dat). */
    static double[][] rows(Path path) throws IOException {
        List<double[]> out = new ArrayList<>();
        for (String line : Files.readAllLines(path)) {
            String t = line.trim();
            if (t.isEmpty()) continue;
            out.add(Stream.of(t.split("\\s+")).mapToDouble(Double::parseDouble).toArray());
        }
        return out.toArray(double[][]::new);
    }

    /** Largest error, absolute where |expected| ≤ 1 and relative above; fails past {@link #TOL} naming the case. */
    static double assertClose(String what, Tensor expected, Tensor actual) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        double[] e = expected.toDoubleArray(), a = actual.toDoubleArray();
        double worst = 0;
        for (int i = 0; i < e.length; i++) {
            double err = Math.abs(e[i] - a[i]) / Math.max(1, Math.abs(e[i]));
            worst = Math.max(worst, err);
            assertTrue(err <= TOL, what + ": value " + i + " expected " + e[i] + ", got " + a[i]);
        }
        return worst;
    }
}
