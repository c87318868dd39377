package dev.strata.layers;

import dev.strata.init.Initializer;
import dev.strata.init.Regularizer;

/**
 * One weight a layer needs: its short name ("kernel", "bias"), shape, first values and penalty.
 *
 * @param regularizer null for none
 */
public record WeightSpec(String name, int[] shape, Initializer initializer, Regularizer regularizer) {}
