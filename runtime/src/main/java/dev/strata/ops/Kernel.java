package dev.strata.ops;

/**
 * One primitive operation of a plan: its shape rule, its forward computation and its backward
 * (reverse-mode) rule. Implementations are stateless; per-run state lives in {@link Node}.
 */
interface Kernel {
    /** Short name for messages. */
    String name();

    /** Output shape for the given input shapes ({@code -1} = batch); throws with both shapes on mismatch. */
    int[] outputShape(int[][] inputs);

    /** Computes {@code node.out} from {@code node.in}. */
    void forward(Node node);

    /**
     * Writes the gradient of the loss with respect to each input {@code i} into {@code node.gin[i]}
     * (overwriting it), given {@code node.grad}; {@code gin[i]} is null where no gradient is needed.
     */
    void backward(Node node);
}
