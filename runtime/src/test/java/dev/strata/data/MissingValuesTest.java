package dev.strata.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The missing-value policies, on {@code bias_correction_ucl.csv} (NaN cells, two summary rows) and small tables. */
class MissingValuesTest {
    private static final Path BIAS = SampleData.file("bias_correction_ucl.csv");
    private static final CsvOptions TEXT = CsvOptions.defaults().withText("station", "Date");
    /** Line 227: station 1, 2013-07-09, Present_Tmax and Present_Tmin are NaN. */
    private static final int FIRST_MISSING_LINE = 227;

    private static Table biasKeepingMissing() {
        return CsvReader.read(BIAS, TEXT.withMissing(MissingValues.keep()));
    }

    @Test
    void biasCountsAsDocumented() {
        Table table = biasKeepingMissing();
        assertEquals(7752, table.rows()); // 7,750 observations + 2 summary rows
        assertEquals(162, table.rowsWithMissing());
        assertEquals(27, table.rowsWithMissing("Next_Tmax", "Next_Tmin"));
        assertEquals(27, table.missingCount("Next_Tmax"));
        assertEquals(2, table.missingCount("station"));
        assertEquals(2, table.missingCount("Date"));
    }

    @Test
    void defaultPolicyStopsAtTheFirstMissingCell() {
        DataFormatException e = assertThrows(DataFormatException.class, () -> CsvReader.read(BIAS, TEXT));
        assertEquals(BIAS + ":227:3 (column 'Present_Tmax'): missing value 'NaN'; 162 rows have missing values;"
                + " choose a MissingValues policy (dropRows, fillMedian, fillConstant)", e.getMessage());
    }

    @Test
    void summaryRowsWithoutStationAreDroppedWhileReading() {
        Table table = CsvReader.read(BIAS, TEXT.withDropRowsWhereMissing("station").withMissing(MissingValues.keep()));
        assertEquals(7750, table.rows());
        assertEquals("25", table.text("station")[7749]);
        assertEquals("2017-08-30", table.text("Date")[7749]);
        assertEquals(7751, table.rowSource(7749).line());
        assertEquals(162, table.rowsWithMissing());
    }

    @Test
    void dropRowsRemovesEveryRowWithAMissingNumber() {
        Table table = CsvReader.read(BIAS, TEXT.withDropRowsWhereMissing("station").withMissing(MissingValues.dropRows()));
        assertEquals(7750 - 162, table.rows());
        assertEquals(0, table.rowsWithMissing());
        assertEquals(7588, table.toMatrix().length);
    }

    @Test
    void rowsWithoutTargetCanBeDroppedBeforeFillingTheRest() {
        Table table = CsvReader.read(BIAS, TEXT.withDropRowsWhereMissing("station", "Next_Tmax", "Next_Tmin")
                .withMissing(MissingValues.keep()));
        assertEquals(7750 - 27, table.rows());
        assertEquals(135, table.rowsWithMissing());
    }

    @Test
    void fillMedianUsesTheColumnMedian() {
        Table kept = CsvReader.read(BIAS, TEXT.withDropRowsWhereMissing("station").withMissing(MissingValues.keep()));
        int row = rowAtLine(kept, FIRST_MISSING_LINE);
        assertTrue(kept.isMissing(row, "Present_Tmax"));
        assertEquals(70, kept.missingCount("Present_Tmax"));

        Table filled = MissingValues.fillMedian().apply(kept);
        assertEquals(7750, filled.rows());
        assertEquals(0, filled.rowsWithMissing());
        assertEquals(29.9, filled.get(row, "Present_Tmax"));
        assertEquals(23.4, filled.get(row, "Present_Tmin"));
        assertEquals(kept.get(0, "Present_Tmax"), filled.get(0, "Present_Tmax"));
        assertArrayEquals(kept.text("Date"), filled.text("Date"));
    }

    @Test
    void fillConstantUsesTheConstant() {
        Table filled = CsvReader.read(BIAS, TEXT.withDropRowsWhereMissing("station")
                .withMissing(MissingValues.fillConstant(-1)));
        int row = rowAtLine(filled, FIRST_MISSING_LINE);
        assertEquals(-1, filled.get(row, "Present_Tmax"));
        assertEquals(0, filled.rowsWithMissing());
    }

    @Test
    void keptMissingValuesAreNeverHandedOutAsNumbers() {
        Table kept = biasKeepingMissing();
        String at = BIAS + ":227:3 (column 'Present_Tmax'): missing value; ";
        DataFormatException matrix = assertThrows(DataFormatException.class, kept::toMatrix);
        assertEquals(at + "resolve missing values (MissingValues) before building a matrix", matrix.getMessage());
        DataFormatException column = assertThrows(DataFormatException.class, () -> kept.column("Present_Tmax"));
        assertEquals(at + "resolve missing values (MissingValues) before reading the column", column.getMessage());
        int row = rowAtLine(kept, FIRST_MISSING_LINE);
        assertThrows(DataFormatException.class, () -> kept.row(row).get("Present_Tmax"));
        DataFormatException fail = assertThrows(DataFormatException.class, () -> MissingValues.fail().apply(kept));
        assertEquals(at + "162 rows have missing values; choose a MissingValues policy (dropRows, fillMedian,"
                + " fillConstant)", fail.getMessage());
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        Table table = Table.builder().numeric("x", new double[] {4, Double.NaN, 1, 3, 2}).build();
        assertArrayEquals(new double[] {4, 2.5, 1, 3, 2}, MissingValues.fillMedian().apply(table).column("x"));
    }

    @Test
    void fillMedianOfAnEmptyColumnIsAnError() {
        Table table = Table.builder().source("t.csv").numeric("x", new double[] {Double.NaN}).build();
        DataFormatException e = assertThrows(DataFormatException.class, () -> MissingValues.fillMedian().apply(table));
        assertEquals("t.csv: column 'x' has no values at all, so it has no median to fill with", e.getMessage());
    }

    @Test
    void fillConstantMustBeFinite() {
        assertThrows(IllegalArgumentException.class, () -> MissingValues.fillConstant(Double.NaN));
    }

    @Test
    void policiesIgnoreEmptyTextCells() {
        Table table = Table.builder().numeric("x", new double[] {1, 2}).text("t", new String[] {"", "b"}).build();
        assertEquals(2, MissingValues.dropRows().apply(table).rows());
        assertFalse(table.isMissing(1, "t"));
    }

    private static int rowAtLine(Table table, long line) {
        for (int row = 0; row < table.rows(); row++) {
            if (table.rowSource(row).line() == line) {
                return row;
            }
        }
        throw new AssertionError("no row at line " + line);
    }
}
