package dev.strata.training;

import dev.strata.ops.Tensor;
import java.util.List;
import java.util.Map;

/**
 * Per-row loss weights of a batch, from its sample-weight columns and the class weights. Sample
 * weights ride along with the targets under {@link Batch#SAMPLE_WEIGHT} keys so shuffling and
 * batching keep them with their rows; a pipeline's batches carry them the same way.
 */
final class SampleWeights {
    private static final String KEY = Batch.SAMPLE_WEIGHT;

    private SampleWeights() {}

    private static String key(String output) {
        return Batch.sampleWeightOf(output);
    }

    /** Adds the options' sample weights to the targets, checked for their row count. */
    static void attach(Map<String, Tensor> targets, Map<String, Tensor> sampleWeights, int rows) {
        sampleWeights.forEach((out, w) -> {
            int count = 1;
            for (int d : w.shape()) count *= d;
            if (w.shape().length == 0 || w.shape()[0] != rows || count != rows) {
                throw new IllegalArgumentException("sample weights for " + (out.equals("*") ? "the outputs" : "output '" + out + "'")
                        + " need one value per row: " + rows + " rows, got shape " + java.util.Arrays.toString(w.shape()));
            }
            targets.put(out.equals("*") ? KEY : key(out), w.reshape(rows, 1));
        });
    }

    /** The batch's weights for one output as (rows, 1), or null when it is unweighted. */
    static Tensor of(Batch b, String output, Tensor target, Map<Integer, Double> classWeight) {
        Tensor sw = b.targets().get(key(output));
        if (sw == null) sw = b.targets().get(KEY);
        if (sw == null && classWeight.isEmpty()) return null;
        int rows = target.shape()[0];
        double[] w = new double[rows];
        java.util.Arrays.fill(w, 1.0);
        if (sw != null) {
            double[] v = sw.toDoubleArray();
            if (v.length != rows) throw new IllegalArgumentException("sample weights: " + v.length + " values for a batch of " + rows + " rows");
            System.arraycopy(v, 0, w, 0, rows);
        }
        if (!classWeight.isEmpty()) {
            double[] t = target.toDoubleArray();
            int width = t.length / rows;
            for (int i = 0; i < rows; i++) {
                int cls;
                if (width == 1) {
                    cls = (int) Math.round(t[i]);
                } else {
                    cls = 0;
                    for (int c = 1; c < width; c++) if (t[i * width + c] > t[i * width + cls]) cls = c;
                }
                w[i] *= classWeight.getOrDefault(cls, 1.0);
            }
        }
        return Tensor.of(w, rows, 1);
    }

    static boolean any(Batch b, List<String> outputs, Map<Integer, Double> classWeight) {
        if (!classWeight.isEmpty()) return true;
        if (b.targets().containsKey(KEY)) return true;
        for (String o : outputs) if (b.targets().containsKey(key(o))) return true;
        return false;
    }
}
