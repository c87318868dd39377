package dev.strata.serving;

import java.util.List;

/**
 * One named input or output of a model: its shape without the batch axis, and its element type.
 *
 * @param name  the input or output name
 * @param shape dimensions of one row (the batch axis left out)
 * @param dtype "float32" or "float64"
 */
public record TensorSpec(String name, List<Integer> shape, String dtype) {
    public TensorSpec {
        shape = List.copyOf(shape);
    }

    /** Numbers in one row: the product of the shape. */
    public int width() {
        int w = 1;
        for (int d : shape) w *= d;
        return w;
    }

    int[] shapeArray() {
        return shape.stream().mapToInt(Integer::intValue).toArray();
    }
}
