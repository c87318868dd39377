package dev.strata.bench;

import dev.strata.activations.Activation;
import dev.strata.layers.Dense;
import dev.strata.model.Model;
import dev.strata.model.Sequential;
import dev.strata.ops.DType;
import dev.strata.ops.Tensor;
import dev.strata.serving.Predictor;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Single-row predict latency on T1 (4-10-1), T2 (784-256-128-10) and E8's two-output graph: {@code Model.predictAll} (the
 * compiled plan, what bench/run times) against {@link Predictor#predictInto} (the row plan: OpenBLAS GEMVs for large layers, Java loops for small ones).
 *
 * <pre>java dev.strata.bench.PredictorLatency [calls (default 50000)]</pre>
 */
public final class PredictorLatency {
    private PredictorLatency() {}

    public static void main(String[] args) {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        Model t1 = new Sequential(4).add(Dense.of("h", 10, Activation.RELU)).add(Dense.of("out", 1, Activation.LINEAR)).build(1, DType.FLOAT32);
        Model t2 = new Sequential(784).add(Dense.of("h1", 256, Activation.RELU)).add(Dense.of("h2", 128, Activation.RELU))
                .add(Dense.of("out", 10, Activation.SOFTMAX)).build(1, DType.FLOAT32);
        StringBuilder result = new StringBuilder("RESULT");
        for (Object[] task : new Object[][] {{"t1", t1, 4}, {"t2", t2, 784}, {"e8", e8(), 3}}) {
            String name = (String) task[0];
            Model m = (Model) task[1];
            int width = (Integer) task[2];
            float[][] rows = new float[64][width];
            SplittableRandom r = new SplittableRandom(2);
            for (float[] row : rows) for (int i = 0; i < width; i++) row[i] = (float) r.nextDouble();
            Predictor p = Predictor.of(m);
            float[] out = new float[p.signature().outputs().get(0).width()];
            String in = m.inputNames().get(0);
            int[] next = {0, 0};
            Supplier<Object> model = () -> m.predictAll(Map.of(in, Tensor.of(rows[next[0]++ & 63], 1, width)));
            boolean oneOutput = p.signature().outputs().size() == 1;
            Supplier<Object> predictor = oneOutput ? () -> {
                p.predictInto(rows[next[1]++ & 63], out);
                return out;
            } : () -> p.predictRow(Map.of(in, rows[next[1]++ & 63])); // several outputs: by name, as the server asks
            List<Latency.Percentiles> lat = Latency.measure(List.of(model, predictor), Math.min(calls, 20_000), calls);
            System.out.printf(Locale.ROOT, "%s single row: Model.predictAll p50 %.1f us p99 %.1f us; Predictor.predictInto (predictRow for e8) p50 %.2f us p99 %.2f us (%d calls)%n",
                    name, lat.get(0).p50(), lat.get(0).p99(), lat.get(1).p50(), lat.get(1).p99(), calls);
            result.append(String.format(Locale.ROOT, " %s_model_p50_us=%.1f %s_predictor_p50_us=%.2f %s_predictor_p99_us=%.2f",
                    name, lat.get(0).p50(), name, lat.get(1).p50(), name, lat.get(1).p99()));
        }
        System.out.println(result);
        System.exit(0);
    }

    /** SPEC E8's graph: 3 → Dense 10 relu → Dense 10 relu → pe, and a Dense 10 relu branch off the second → v. */
    private static Model e8() {
        dev.strata.model.ModelBuilder b = new dev.strata.model.ModelBuilder().name("plant");
        dev.strata.model.TensorRef x = b.input("x", 3);
        dev.strata.model.TensorRef h2 = b.apply(Dense.of("h2", 10, Activation.RELU), b.apply(Dense.of("h1", 10, Activation.RELU), x));
        b.output("pe", b.apply(Dense.of("pe_out", 1, Activation.LINEAR), h2));
        b.output("v", b.apply(Dense.of("v_out", 1, Activation.LINEAR), b.apply(Dense.of("branch", 10, Activation.RELU), h2)));
        return b.build(4, DType.FLOAT32);
    }
}
