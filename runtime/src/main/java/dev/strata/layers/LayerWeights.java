package dev.strata.layers;

import dev.strata.ops.Expr;
import dev.strata.ops.Parameter;
import java.util.Map;

/** The weights of one layer, by short name, as handed to {@link Layer#call}. */
public record LayerWeights(Map<String, Parameter> byName) {
    /** No weights. */
    public static final LayerWeights NONE = new LayerWeights(Map.of());

    /** An expression reading the named weight. */
    public Expr read(String name) {
        Parameter p = byName.get(name);
        if (p == null) throw new IllegalStateException("no weight '" + name + "'; have " + byName.keySet());
        return Expr.param(p);
    }
}
