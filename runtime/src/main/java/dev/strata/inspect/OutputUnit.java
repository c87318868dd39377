package dev.strata.inspect;

import dev.strata.model.Model;
import dev.strata.ops.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * One explained scalar of a model: value {@code unit} (row-major within a row) of output
 * {@code output}, checked against the model with errors that name the output and the range.
 */
record OutputUnit(String output, int unit, int perRow) {
    static OutputUnit of(Model model, String output, int unit, String what) {
        List<String> outs = model.outputNames();
        if (output == null) {
            if (outs.size() != 1) throw new IllegalArgumentException(what + ": model '" + model.name() + "' has outputs " + outs + "; name the output");
            output = outs.get(0);
        }
        if (!outs.contains(output)) {
            throw new IllegalArgumentException(what + ": model '" + model.name() + "' has no output '" + output + "'; its outputs are " + outs);
        }
        int[] shape = model.graph().outputShape(output);
        int perRow = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        if (unit < 0 || unit >= perRow) {
            throw new IllegalArgumentException(what + ": output '" + output + "' has " + perRow + " values per row (shape "
                    + Arrays.toString(shape) + "), unit " + unit + " is out of range");
        }
        return new OutputUnit(output, unit, perRow);
    }

    /** The unit's value for every row of {@code x} (single-input model). */
    double[] predict(Model model, Tensor x) {
        double[] all = model.predict(x, output).toDoubleArray();
        double[] out = new double[all.length / perRow];
        for (int r = 0; r < out.length; r++) out[r] = all[r * perRow + unit];
        return out;
    }

    /** The one input of a model, or an error naming its inputs. */
    static String singleInput(Model model, String what) {
        List<String> ins = model.inputNames();
        if (ins.size() != 1) throw new IllegalArgumentException(what + ": model '" + model.name() + "' has inputs " + ins + ", expected exactly one");
        return ins.get(0);
    }

    /** Checks that {@code x} is one row shaped like the model's input. */
    static void checkRow(Model model, Tensor x, String what) {
        int[] want = model.graph().inputShape(singleInput(model, what));
        int[] got = x.shape();
        boolean ok = got.length == want.length + 1 && got[0] == 1 && Arrays.equals(Arrays.copyOfRange(got, 1, got.length), want);
        if (!ok) {
            int[] full = new int[want.length + 1];
            full[0] = 1;
            System.arraycopy(want, 0, full, 1, want.length);
            throw new IllegalArgumentException(what + ": expected one row of shape " + Arrays.toString(full) + ", got " + Arrays.toString(got));
        }
    }
}
