package dev.strata.ops;

import org.nd4j.linalg.api.ndarray.INDArray;

/** The run-time state of one expression inside a plan: its buffers and scratch space. */
final class Node {
    final Expr expr;
    final int index;
    INDArray[] in;
    INDArray out;
    /** Gradient of the loss with respect to {@code out}, or null when not needed. */
    INDArray grad;
    /** Where {@link Kernel#backward} writes the input gradients (null entries: not needed). */
    INDArray[] gin;
    boolean training;
    PlanRandom random;
    /** Kernel-owned scratch (masks, temporaries), reused across steps of one batch size. */
    Object state;
    /** The backward rule of ReLU kernels (saliency rules); {@link ReluBackward#STANDARD} for training. */
    ReluBackward reluRule = ReluBackward.STANDARD;

    Node(Expr expr, int index) {
        this.expr = expr;
        this.index = index;
    }
}
