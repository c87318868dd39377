package dev.strata.samples;

import dev.strata.data.Preprocessing;
import dev.strata.model.Model;
import dev.strata.ops.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A plain Java program that loads a model file written by {@link PowerPlantJava} and predicts the
 * plant's output (PE, MW) and exhaust vacuum (V, cm Hg) from raw readings. The file carries the
 * fitted min-max scaler and which columns feed which input, so raw AT, AP, RH go in unscaled.
 *
 * <pre>
 * java dev.strata.samples.PredictFromFile [model file] [AT,AP,RH ...]
 * </pre>
 * Default file {@code samples/target/power_plant.strata}; default readings: a cool and a hot hour.
 * Prints one line per reading, then {@code RESULT pe=… v=…} for the first reading.
 */
public final class PredictFromFile {
    private PredictFromFile() {
    }

    public static void main(String[] args) {
        Path file = Path.of(args.length > 0 ? args[0] : "samples/target/power_plant.strata");
        List<String> readings = args.length > 1 ? List.of(args).subList(1, args.length) : List.of("8.34,1010.84,90.01", "30.0,1010.0,50.0");

        Model model = Model.load(file);
        Preprocessing preprocessing = Preprocessing.from(model.metadata())
                .orElseThrow(() -> new IllegalStateException(file + " holds no fitted preprocessing"));

        List<Map<String, Object>> rows = new ArrayList<>();
        for (String reading : readings) {
            String[] cells = reading.split(",");
            if (cells.length != PowerPlantJava.INPUTS.size()) {
                throw new IllegalArgumentException("expected AT,AP,RH, got '" + reading + "'");
            }
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 0; i < cells.length; i++) {
                row.put(PowerPlantJava.INPUTS.get(i), Double.parseDouble(cells[i].trim()));
            }
            rows.add(row);
        }
        // Raw rows → scaled model inputs, by the layout saved with the model ("x" ← AT, AP, RH).
        Map<String, Tensor> inputs = new LinkedHashMap<>();
        preprocessing.predictionInputs(rows).forEach((name, matrix) -> inputs.put(name, Tensor.of(matrix)));

        // predictAll is thread-safe: a service can share one loaded model between request threads.
        Map<String, Tensor> predicted = model.predictAll(inputs);
        double[] pe = predicted.get("pe").toDoubleArray();
        double[] v = predicted.get("v").toDoubleArray();
        for (int i = 0; i < rows.size(); i++) {
            System.out.printf(Locale.ROOT, "AT, AP, RH = %s -> PE %.2f MW, V %.2f cm Hg%n", readings.get(i), pe[i], v[i]);
        }
        System.out.printf(Locale.ROOT, "RESULT pe=%.3f v=%.3f%n", pe[0], v[0]);
    }
}
