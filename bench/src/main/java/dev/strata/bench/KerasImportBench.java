package dev.strata.bench;

import dev.strata.keras.KerasImport;
import dev.strata.model.Model;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Time to import a ~3 MB Keras 2 .h5 model (Dense 784 → 512 → 512 → 256 → 10, 797 k float32
 * weights), after warm-up. The file is written here with jhdf in Keras's layout (model_config
 * attribute, model_weights/<layer>/<layer>/kernel:0) so the benchmark needs no Python.
 *
 * <pre>java -cp … dev.strata.bench.KerasImportBench [runs]</pre>
 * Prints each run's milliseconds and {@code RESULT size_mb=… median_ms=… min_ms=…}.
 */
public final class KerasImportBench {
    private static final int[] UNITS = {784, 512, 512, 256, 10};

    private KerasImportBench() {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Path file = Files.createTempFile("keras_bench", ".h5");
        write(file);
        double mb = Files.size(file) / 1e6;
        for (int i = 0; i < 10; i++) KerasImport.load(file);
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            Model m = KerasImport.load(file);
            ms[i] = (System.nanoTime() - t0) / 1e6;
            if (m.countParams(false) < 700_000) throw new IllegalStateException("imported " + m.countParams(false) + " weights");
        }
        Files.deleteIfExists(file);
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        System.out.printf(java.util.Locale.ROOT, "runs (ms): %s%n", Arrays.toString(ms));
        System.out.printf(java.util.Locale.ROOT, "RESULT size_mb=%.2f median_ms=%.1f min_ms=%.1f%n", mb, sorted[runs / 2], sorted[0]);
    }

    private static void write(Path file) {
        StringBuilder layers = new StringBuilder();
        layers.append("{\"class_name\": \"InputLayer\", \"config\": {\"batch_input_shape\": [null, 784], \"name\": \"pixels\"}}");
        for (int l = 1; l < UNITS.length; l++) {
            layers.append(", {\"class_name\": \"Dense\", \"config\": {\"name\": \"dense_").append(l).append("\", \"units\": ").append(UNITS[l])
                    .append(", \"activation\": \"").append(l == UNITS.length - 1 ? "softmax" : "relu").append("\", \"use_bias\": true}}");
        }
        String config = "{\"class_name\": \"Sequential\", \"config\": {\"name\": \"bench\", \"layers\": [" + layers + "]}}";
        SplittableRandom r = new SplittableRandom(1);
        try (WritableHdfFile h5 = HdfFile.write(file)) {
            h5.putAttribute("model_config", config);
            h5.putAttribute("keras_version", "2.2.4");
            WritableGroup weights = h5.putGroup("model_weights");
            String[] names = new String[UNITS.length - 1];
            for (int l = 1; l < UNITS.length; l++) {
                String name = "dense_" + l;
                names[l - 1] = name;
                WritableGroup outer = weights.putGroup(name);
                outer.putAttribute("weight_names", new String[] {name + "/kernel:0", name + "/bias:0"});
                WritableGroup inner = outer.putGroup(name);
                float[][] kernel = new float[UNITS[l - 1]][UNITS[l]];
                for (float[] row : kernel) for (int j = 0; j < row.length; j++) row[j] = (float) r.nextDouble(-0.05, 0.05);
                inner.putDataset("kernel:0", kernel);
                inner.putDataset("bias:0", new float[UNITS[l]]);
            }
            weights.putAttribute("layer_names", names);
        }
    }
}
