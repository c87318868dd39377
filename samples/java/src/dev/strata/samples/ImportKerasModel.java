package dev.strata.samples;

import dev.strata.keras.ImportedModel;
import dev.strata.keras.KerasImport;
import dev.strata.model.Model;
import dev.strata.ops.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A plain Java program importing a Keras file (.keras or .h5, told apart by its first bytes),
 * printing its summary and what the import did, predicting, and saving it as a Strata model.
 *
 * <pre>
 * java dev.strata.samples.ImportKerasModel [model.keras|model.h5] [out.strata]
 * </pre>
 * Default: the sample's hls4ml Conv1D model in {@code samples/data/keras/}. Prints {@code RESULT
 * outputs=… finite=… reloaded_equal=…} for a prediction on zeros, before and after a save and load.
 */
public final class ImportKerasModel {
    private ImportKerasModel() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args.length > 0 ? args[0] : "samples/data/keras/conv1d_1layer.h5");
        Path out = args.length > 1 ? Path.of(args[1]) : Files.createTempFile("imported", ".strata");
        ImportedModel imported = KerasImport.read(file, null, Map.of());
        Model model = imported.model();
        System.out.println(model.summary());
        System.out.println("Keras " + imported.kerasVersion() + " (" + imported.format() + "): " + String.join("; ", imported.notes()));
        int[] shape = model.graph().nodes().get(model.graph().inputs().values().iterator().next()).shape();
        int[] batch = new int[shape.length + 1];
        batch[0] = 1;
        System.arraycopy(shape, 0, batch, 1, shape.length);
        int count = 1;
        for (int d : batch) count *= d;
        Tensor y = model.predict(Tensor.of(new double[count], batch));
        boolean finite = java.util.Arrays.stream(y.toDoubleArray()).allMatch(Double::isFinite);
        model.save(out);
        System.out.println("saved " + out);
        // From here on it is a Strata model: the reloaded file predicts the same numbers.
        Tensor again = Model.load(out).predict(Tensor.of(new double[count], batch));
        boolean equal = java.util.Arrays.equals(y.toDoubleArray(), again.toDoubleArray());
        System.out.println("RESULT outputs=" + y.toDoubleArray().length + " finite=" + finite + " reloaded_equal=" + equal);
    }
}
