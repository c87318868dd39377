package dev.strata.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {
    private final Table table = Table.builder().source("t.csv")
            .numeric("a", new double[] {1, 2, 3, 4})
            .numeric("b", new float[] {10, 20, 30, 40})
            .text("day", new String[] {"2017-01-02", "2016-12-31", null, "2017-05-01"})
            .build();

    @Test
    void unknownColumnNamesItAndListsTheAvailableOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> table.column("c"));
        assertEquals("unknown column 'c' in t.csv; available: ['a', 'b', 'day']", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> table.select("a", "nope"));
        assertThrows(IllegalArgumentException.class, () -> table.toMatrix("nope"));
    }

    @Test
    void textAndNumericColumnsAreNotInterchangeable() {
        assertEquals("column 'day' of t.csv is text, not numeric; use text(name)",
                assertThrows(IllegalArgumentException.class, () -> table.column("day")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> table.text("a"));
        assertThrows(IllegalArgumentException.class, () -> table.toMatrix("a", "day"));
    }

    @Test
    void matrixViewsAreRowMajorFloats() {
        assertArrayEquals(new float[][] {{10, 1}, {20, 2}, {30, 3}, {40, 4}}, table.toMatrix("b", "a"));
        assertArrayEquals(new float[] {1, 10, 2, 20, 3, 30, 4, 40}, table.toFlatMatrix());
        assertEquals(List.of("a", "b"), table.numericColumnNames());
    }

    @Test
    void selectKeepsTheGivenOrder() {
        Table selected = table.select("day", "a");
        assertEquals(List.of("day", "a"), selected.columnNames());
        assertEquals(4, selected.rows());
    }

    @Test
    void filterRowsKeepsColumnsAlignedAndSources() {
        Table kept = table.filterRows(row -> row.get("a") % 2 == 0);
        assertArrayEquals(new double[] {2, 4}, kept.column("a"));
        assertArrayEquals(new String[] {"2016-12-31", "2017-05-01"}, kept.text("day"));
        assertEquals(new RowSource("t.csv", 4), kept.rowSource(1));
        assertEquals("t.csv:4", kept.row(1).source().toString());
    }

    @Test
    void emptyTextCellsCountAsMissingText() {
        assertEquals(1, table.missingCount("day"));
        assertEquals(0, table.rowsWithMissing());
        assertEquals(1, table.rowsWithMissing("day"));
        assertEquals(2, table.filterRows(row -> !row.isMissing("day") && row.text("day").startsWith("2017")).rows());
    }

    @Test
    void takeAllowsAnyOrderAndRepeats() {
        Table taken = table.take(new int[] {3, 0, 3});
        assertArrayEquals(new double[] {4, 1, 4}, taken.column("a"));
        assertEquals(4, taken.rowSource(0).line());
        assertThrows(IndexOutOfBoundsException.class, () -> table.take(new int[] {4}));
    }

    @Test
    void arraysGoingInOrOutAreCopies() {
        double[] values = {1, 2};
        Table t = Table.builder().numeric("x", values).build();
        values[0] = 99;
        t.column("x")[1] = 99;
        assertArrayEquals(new double[] {1, 2}, t.column("x"));
    }

    @Test
    void builderRejectsRaggedColumnsAndDuplicateNames() {
        assertThrows(IllegalArgumentException.class,
                () -> Table.builder().numeric("x", new double[] {1}).numeric("y", new double[] {1, 2}).build());
        assertEquals("duplicate column name 'x' in <memory>", assertThrows(IllegalArgumentException.class,
                () -> Table.builder().numeric("x", new double[] {1}).numeric("x", new double[] {2}).build()).getMessage());
    }

    @Test
    void toStringSummarises() {
        assertEquals("Table[t.csv: 4 rows x 3 columns ['a', 'b', 'day']]", table.toString());
    }
}
