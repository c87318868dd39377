package dev.strata.layers;

import dev.strata.ops.Expr;
import java.util.Arrays;
import java.util.List;

/**
 * Takes one output out of a packed multi-output tensor (see {@link MultiOutput}): values
 * [offset, offset + size) of each flattened sample, reshaped to {@code shape} (batch axis excluded).
 */
public record OutputPart(String name, int offset, int[] shape) implements Layer {
    public OutputPart {
        shape = shape.clone();
        if (offset < 0) throw new IllegalArgumentException("OutputPart '" + name + "': offset must be non-negative, got " + offset);
    }

    private int size() {
        int n = 1;
        for (int d : shape) n *= d;
        return n;
    }

    @Override
    public int[] outputShape(List<int[]> inputs) {
        Layer.expectInputs(this, inputs, 1, 1);
        int[] in = inputs.get(0);
        if (in.length != 1 || offset + size() > in[0]) {
            throw new LayerException(this, "expected a packed input (None, n) with n ≥ " + (offset + size()) + ", got " + LayerException.show(in));
        }
        return shape.clone();
    }

    @Override
    public Expr call(List<Expr> inputs, LayerWeights weights) {
        Expr part = inputs.get(0).slice(1, offset, offset + size());
        if (shape.length == 1) return part;
        int[] full = new int[shape.length + 1];
        full[0] = -1;
        System.arraycopy(shape, 0, full, 1, shape.length);
        return part.reshape(full);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OutputPart p && p.name.equals(name) && p.offset == offset && Arrays.equals(p.shape, shape);
    }

    @Override
    public int hashCode() {
        return (name.hashCode() * 31 + offset) * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return "OutputPart[name=" + name + ", offset=" + offset + ", shape=" + Arrays.toString(shape) + "]";
    }
}
