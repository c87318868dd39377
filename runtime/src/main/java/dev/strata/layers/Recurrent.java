package dev.strata.layers;

import dev.strata.activations.Activation;
import dev.strata.init.Initializer;
import dev.strata.ops.Expr;
import dev.strata.ops.Parameter;
import dev.strata.ops.Recurrence;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Shape rules, weights and expressions shared by the recurrent layers and {@link Bidirectional}. */
final class Recurrent {
    private Recurrent() {}

    /** Rejects activations a recurrent cell cannot use (softmax, binary step), naming the layer. */
    static void checkActivation(String type, String name, String what, Activation a) {
        if (!Recurrence.ACTIVATIONS.contains(a.label())) {
            throw new IllegalArgumentException(type + " '" + name + "': " + what + " '" + a.label()
                    + "' is not supported in a recurrent cell; use one of " + Recurrence.ACTIVATIONS);
        }
    }

    static void checkUnits(String type, String name, int units) {
        if (units <= 0) throw new IllegalArgumentException(type + " '" + name + "': units must be positive, got " + units);
    }

    /** Validates (time, features) plus {@code groups} sets of initial states of width {@code units}; returns the input shape. */
    static int[] checkInputs(Layer layer, List<int[]> inputs, int units, int statesPerGroup, int groups) {
        int states = statesPerGroup * groups;
        if (inputs.size() != 1 && inputs.size() != 1 + states) {
            throw new LayerException(layer, "expected the sequence and optionally " + states + " initial state tensor(s), got "
                    + inputs.size() + " input(s)");
        }
        int[] x = inputs.get(0);
        if (x.length != 2) {
            throw new LayerException(layer, "expected input of shape (None, time, features), got " + LayerException.show(x)
                    + (x.length == 1 ? "; add a Reshape to (" + x[0] + ", 1) for a univariate sequence, or an Embedding for ids" : ""));
        }
        for (int i = 1; i < inputs.size(); i++) {
            int[] s = inputs.get(i);
            if (s.length != 1 || s[0] != units) {
                throw new LayerException(layer, "initial state " + i + " must have shape " + LayerException.show(new int[] {units})
                        + ", got " + LayerException.show(s));
            }
        }
        return x;
    }

    /** Shapes of the output and the final states, batch axis excluded. */
    static List<int[]> partShapes(RecurrentLayer r, int steps) {
        List<int[]> parts = new ArrayList<>();
        parts.add(r.returnSequences() ? new int[] {steps, r.units()} : new int[] {r.units()});
        for (int i = 0; i < r.stateNames().size(); i++) parts.add(new int[] {r.units()});
        return parts;
    }

    /** The packed shape of several parts: their sizes summed. */
    static int[] packedShape(List<int[]> parts) {
        int n = 0;
        for (int[] p : parts) {
            int c = 1;
            for (int d : p) c *= d;
            n += c;
        }
        return new int[] {n};
    }

    /** OutputPart layers for parts named {@code <layer>_<partName>}. */
    static List<OutputPart> outputParts(String layer, List<String> names, List<int[]> shapes) {
        List<OutputPart> out = new ArrayList<>();
        int offset = 0;
        for (int i = 0; i < shapes.size(); i++) {
            out.add(new OutputPart(layer + "_" + names.get(i), offset, shapes.get(i)));
            offset += packedShape(List.of(shapes.get(i)))[0];
        }
        return out;
    }

    /** The cell's per-step trajectory for one direction. */
    static Expr trajectory(RecurrentLayer r, Expr x, LayerWeights w, List<Expr> initialStates, boolean reverse) {
        Expr bias = r.useBias() ? w.read("bias") : null;
        return x.recurrence(r.cell(reverse), w.read("kernel"), w.read("recurrent_kernel"), bias, initialStates.toArray(Expr[]::new));
    }

    /** Number of input steps behind a trajectory (an LSTM's has one more row: its final c). */
    private static int steps(RecurrentLayer r, Expr trajectory) {
        int rows = trajectory.shape()[1];
        return r.cell(false).cell() == Recurrence.Cell.LSTM ? rows - 1 : rows;
    }

    /** The layer's output from a trajectory: every step's h, or the last processed step's. */
    static Expr output(RecurrentLayer r, Expr trajectory, boolean reverse) {
        int steps = steps(r, trajectory);
        if (r.returnSequences()) return steps == trajectory.shape()[1] ? trajectory : trajectory.slice(1, 0, steps);
        return row(trajectory, reverse ? 0 : steps - 1);
    }

    /** The final states (h, and c for an LSTM) from a trajectory. */
    static List<Expr> finalStates(RecurrentLayer r, Expr trajectory, boolean reverse) {
        int steps = steps(r, trajectory);
        List<Expr> out = new ArrayList<>();
        out.add(row(trajectory, reverse ? 0 : steps - 1));
        if (r.stateNames().size() > 1) out.add(row(trajectory, steps));
        return out;
    }

    /** One row of a (batch, rows, units) trajectory, as (batch, units). */
    private static Expr row(Expr trajectory, int index) {
        return trajectory.slice(1, index, index + 1).reshape(-1, trajectory.shape()[2]);
    }

    /** Several (batch, ...) tensors flattened and concatenated into one (batch, n). */
    static Expr pack(List<Expr> parts) {
        List<Expr> flat = new ArrayList<>();
        for (Expr p : parts) {
            int[] s = p.shape();
            if (s.length == 2) {
                flat.add(p);
            } else {
                int n = 1;
                for (int i = 1; i < s.length; i++) n *= s[i];
                flat.add(p.reshape(-1, n));
            }
        }
        return Expr.concat(1, flat);
    }

    /** The weights whose names start with {@code prefix + "/"}, under their short names. */
    static LayerWeights prefixed(LayerWeights all, String prefix) {
        Map<String, Parameter> mine = new HashMap<>();
        String p = prefix + "/";
        all.byName().forEach((k, v) -> {
            if (k.startsWith(p)) mine.put(k.substring(p.length()), v);
        });
        return new LayerWeights(mine);
    }

    /** The standard single-direction call shared by SimpleRNN, LSTM and GRU. */
    static Expr call(RecurrentLayer r, List<Expr> inputs, LayerWeights weights) {
        Expr traj = trajectory(r, inputs.get(0), weights, inputs.subList(1, inputs.size()), false);
        Expr out = output(r, traj, false);
        if (!r.returnState()) return out;
        List<Expr> parts = new ArrayList<>();
        parts.add(out);
        parts.addAll(finalStates(r, traj, false));
        return pack(parts);
    }

    /** The shape rule shared by SimpleRNN, LSTM and GRU. */
    static int[] outputShape(Layer layer, RecurrentLayer r, List<int[]> inputs) {
        int[] x = checkInputs(layer, inputs, r.units(), r.stateNames().size(), 1);
        List<int[]> parts = partShapes(r, x[0]);
        return r.returnState() ? packedShape(parts) : parts.get(0);
    }

    /** Output parts of SimpleRNN, LSTM and GRU: none unless the layer returns its states. */
    static List<OutputPart> outputParts(RecurrentLayer r, List<int[]> inputs) {
        if (!r.returnState()) return List.of();
        List<String> names = new ArrayList<>();
        names.add("output");
        names.addAll(r.stateNames());
        return outputParts(r.name(), names, partShapes(r, inputs.get(0)[0]));
    }

    /** Keras's unit_forget_bias: the forget gate's block of an LSTM bias starts at one. */
    static Initializer withForgetBias(Initializer bias, int units, String layerName) {
        double[] v;
        if (bias instanceof Initializer.Constant c) {
            v = new double[4 * units];
            java.util.Arrays.fill(v, c.value());
        } else {
            // A random bias initializer: drawn from a stream fixed by the layer's name.
            v = bias.sample(new int[] {4 * units}, new java.util.SplittableRandom(layerName.hashCode()));
        }
        java.util.Arrays.fill(v, units, 2 * units, 1.0);
        return new Initializer.Values(v);
    }
}
