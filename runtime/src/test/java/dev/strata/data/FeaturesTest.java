package dev.strata.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeaturesTest {

    @Test
    void numbersAndVectorsAreGatheredRowMajorInColumnOrder() {
        List<Map<String, Object>> rows = List.of(
                Map.of("a", 1.0, "v", new float[] {2f, 3f}, "b", 4),
                Map.of("a", 5.0, "v", new float[] {6f, 7f}, "b", 8));
        assertArrayEquals(new float[] {2f, 3f, 1f, 4f, 6f, 7f, 5f, 8f}, Features.matrix(rows, null, List.of("v", "a", "b")));
        assertEquals(3, Features.width(rows.get(0), List.of("v", "a"), new RowSource("x", 1)));
    }

    @Test
    void missingTextAbsentAndRaggedValuesNameTheRow() {
        List<RowSource> sources = List.of(new RowSource("f.csv", 2), new RowSource("f.csv", 3));
        DataFormatException missing = assertThrows(DataFormatException.class,
                () -> Features.matrix(List.of(Map.of("a", 1.0), Map.of("a", Double.NaN)), sources, List.of("a")));
        assertEquals("f.csv:3 (column 'a'): missing value; fill or drop missing values (Preprocessing fillMedian,"
                + " fillConstant, dropMissing) before batching", missing.getMessage());
        DataFormatException absent = assertThrows(DataFormatException.class,
                () -> Features.matrix(List.of(Map.of("a", 1.0)), sources, List.of("b")));
        assertEquals("f.csv:2: no column 'b'; the row has ['a']", absent.getMessage());
        DataFormatException ragged = assertThrows(DataFormatException.class, () -> Features.matrix(
                List.of(Map.of("v", new float[] {1f}), Map.of("v", new float[] {1f, 2f})), sources, List.of("v")));
        assertEquals(3, ragged.line());
    }

    @Test
    void layoutsKeepTheirOrderAndRefuseEmptyColumnLists() {
        Features f = new Features(Map.of("x", List.of("a", "b")), Map.of("y", List.of("c", "a")));
        assertEquals(List.of("a", "b", "c"), f.columns());
        assertEquals(Map.of(Features.SINGLE_INPUT, List.of("a")), Features.of(List.of("a"), List.of()).inputs());
        assertThrows(IllegalArgumentException.class, () -> new Features(Map.of("x", List.of()), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> new Features(Map.of(), Map.of()));
    }
}
