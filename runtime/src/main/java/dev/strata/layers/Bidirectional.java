package dev.strata.layers;

import dev.strata.ops.Expr;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a recurrent layer ({@link SimpleRNN}, {@link LSTM}, {@link GRU}) forwards and backwards over
 * the sequence and merges the two outputs, Keras's {@code Bidirectional}. The backward run's
 * outputs are aligned with the input steps (as Keras reverses them back). Weights: the wrapped
 * layer's, twice, as {@code forward/kernel}, …, {@code backward/kernel}, ….
 *
 * <p>Optional inputs after the sequence: the forward initial states, then the backward ones. With
 * the wrapped layer's {@code returnState}, the merged output is followed by the forward and the
 * backward final states, packed (see {@link #outputParts}).
 *
 * <p>Merge mode {@code "none"} (Keras's {@code merge_mode=None}) does not merge: the layer returns
 * the forward and the backward outputs as two parts (then the states, with {@code returnState}).
 *
 * @param layer     the recurrent layer; its name is not used
 * @param mergeMode "concat" (Keras's default), "sum", "mul", "ave" or "none"
 */
public record Bidirectional(String name, Layer layer, String mergeMode) implements Layer, MultiOutput {
    private static final List<String> MODES = List.of("concat", "sum", "mul", "ave", "none");

    public Bidirectional {
        if (!(layer instanceof RecurrentLayer)) {
            throw new IllegalArgumentException("Bidirectional '" + name + "' wraps a recurrent layer (SimpleRNN, LSTM, GRU), got "
                    + layer.typeName());
        }
        if (!MODES.contains(mergeMode)) {
            throw new IllegalArgumentException("Bidirectional '" + name + "': merge mode must be one of " + MODES + ", got '" + mergeMode + "'");
        }
    }

    /** Concatenating the two directions, Keras's default. */
    public static Bidirectional of(String name, Layer layer) {
        return new Bidirectional(name, layer, "concat");
    }

    /** Whether the two directions come out as separate parts (merge mode "none"). */
    private boolean unmerged() {
        return mergeMode.equals("none");
    }

    private RecurrentLayer rnn() {
        return (RecurrentLayer) layer;
    }

    private List<int[]> partShapes(int steps) {
        RecurrentLayer r = rnn();
        int width = mergeMode.equals("concat") ? 2 * r.units() : r.units();
        int[] output = r.returnSequences() ? new int[] {steps, width} : new int[] {width};
        List<int[]> parts = new ArrayList<>();
        parts.add(output);
        if (unmerged()) parts.add(output.clone());
        if (r.returnState()) for (int i = 0; i < 2 * r.stateNames().size(); i++) parts.add(new int[] {r.units()});
        return parts;
    }

    @Override
    public int[] outputShape(List<int[]> inputs) {
        int[] x = Recurrent.checkInputs(this, inputs, rnn().units(), rnn().stateNames().size(), 2);
        List<int[]> parts = partShapes(x[0]);
        return parts.size() == 1 ? parts.get(0) : Recurrent.packedShape(parts);
    }

    @Override
    public List<WeightSpec> weights(List<int[]> inputs) {
        List<WeightSpec> out = new ArrayList<>();
        for (String dir : List.of("forward", "backward")) {
            for (WeightSpec w : rnn().cellWeights(inputs.get(0)[1])) {
                out.add(new WeightSpec(dir + "/" + w.name(), w.shape(), w.initializer(), w.regularizer()));
            }
        }
        return out;
    }

    @Override
    public Expr call(List<Expr> inputs, LayerWeights weights) {
        RecurrentLayer r = rnn();
        int states = r.stateNames().size();
        boolean hasInitial = inputs.size() > 1;
        List<Expr> fInit = hasInitial ? inputs.subList(1, 1 + states) : List.of();
        List<Expr> bInit = hasInitial ? inputs.subList(1 + states, 1 + 2 * states) : List.of();
        Expr x = inputs.get(0);
        Expr fTraj = Recurrent.trajectory(r, x, Recurrent.prefixed(weights, "forward"), fInit, false);
        Expr bTraj = Recurrent.trajectory(r, x, Recurrent.prefixed(weights, "backward"), bInit, true);
        Expr f = Recurrent.output(r, fTraj, false);
        Expr b = Recurrent.output(r, bTraj, true);
        List<Expr> parts = new ArrayList<>();
        switch (mergeMode) {
            case "concat" -> parts.add(Expr.concat(f.rank() - 1, List.of(f, b)));
            case "sum" -> parts.add(f.plus(b));
            case "mul" -> parts.add(f.times(b));
            case "ave" -> parts.add(f.plus(b).times(0.5));
            default -> parts.addAll(List.of(f, b));
        }
        if (!r.returnState() && parts.size() == 1) return parts.get(0);
        parts.addAll(Recurrent.finalStates(r, fTraj, false));
        parts.addAll(Recurrent.finalStates(r, bTraj, true));
        return Recurrent.pack(parts);
    }

    @Override
    public List<OutputPart> outputParts(List<int[]> inputs) {
        RecurrentLayer r = rnn();
        if (!r.returnState() && !unmerged()) return List.of();
        List<String> names = new ArrayList<>(unmerged() ? List.of("forward", "backward") : List.of("output"));
        for (String dir : List.of("forward", "backward")) {
            for (String s : r.stateNames()) names.add(dir + "_" + s.substring("state_".length()));
        }
        return Recurrent.outputParts(name, names, partShapes(inputs.get(0)[0]));
    }

    @Override
    public boolean trainable() {
        return rnn().trainable();
    }

    @Override
    public String activationLabel() {
        return layer.activationLabel();
    }
}
