package dev.strata.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class OneHotTest {
    @Test
    void encodesEachLabelAsAOneInItsColumn() {
        assertArrayEquals(new float[][] {{0, 0, 1}, {1, 0, 0}, {0, 1, 0}}, OneHot.toCategorical(new int[] {2, 0, 1}, 3));
        assertArrayEquals(new float[] {0, 1, 1, 0}, OneHot.toCategoricalFlat(new int[] {1, 0}, 2));
    }

    @Test
    void labelOutOfRangeIsNamed() {
        assertEquals("label 10 at index 1 is outside [0, 10)", assertThrows(IllegalArgumentException.class,
                () -> OneHot.toCategorical(new int[] {3, 10}, 10)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> OneHot.toCategorical(new int[] {-1}, 10));
        assertThrows(IllegalArgumentException.class, () -> OneHot.toCategoricalFlat(new int[] {0}, 0));
    }
}
