package dev.strata.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvStreamTest {

    private static CsvStream open(String text, CsvOptions options) {
        return CsvStream.open(new StringReader(text), "t.csv", options);
    }

    private static List<CsvStream.Record> all(CsvStream stream) {
        List<CsvStream.Record> out = new ArrayList<>();
        try (stream) {
            stream.forEachRemaining(out::add);
        }
        return out;
    }

    @Test
    void readsTheSameNumbersAsCsvReader() {
        for (String name : List.of("ccpp.csv", "concrete.csv", "advertising.csv")) {
            Path file = SampleData.file(name);
            Table table = CsvReader.read(file);
            List<CsvStream.Record> records = all(CsvStream.open(file, CsvOptions.defaults()));
            assertEquals(table.rows(), records.size(), name);
            List<String> columns = table.columnNames();
            for (int r = 0; r < table.rows(); r += 97) {
                assertEquals(table.rowSource(r), records.get(r).source());
                for (int c = 0; c < columns.size(); c++) {
                    assertEquals(table.get(r, columns.get(c)), records.get(r).values().get(c), name + " row " + r);
                }
            }
        }
    }

    @Test
    void selectedTextAndNumericColumnsInTheirOrder() {
        CsvStream stream = open("a,b,c\n1,x,3\n", CsvOptions.defaults().withColumns("c", "b").withText("b"));
        assertEquals(List.of("c", "b"), stream.columns());
        assertEquals(3, stream.fileColumn(0));
        assertTrue(stream.isText(1));
        assertEquals(List.of(3.0, "x"), all(stream).get(0).values());
    }

    @Test
    void missingCellsFollowThePolicyRecordByRecord() {
        String text = "a,b\n1,2\n3,NA\n5,\n";
        List<CsvStream.Record> kept = all(open(text, CsvOptions.defaults().withMissing(MissingValues.keep())));
        assertTrue(Double.isNaN((Double) kept.get(1).values().get(1)));
        assertEquals(1, all(open(text, CsvOptions.defaults().withMissing(MissingValues.dropRows()))).size());
        assertEquals(9.0, all(open(text, CsvOptions.defaults().withMissing(MissingValues.fillConstant(9)))).get(2).values().get(1));

        DataFormatException e = assertThrows(DataFormatException.class, () -> all(open(text, CsvOptions.defaults())));
        assertEquals("t.csv:3:2 (column 'b'): missing value 'NA'; choose a MissingValues policy (keep, dropRows, fillConstant)",
                e.getMessage());
        IllegalArgumentException median = assertThrows(IllegalArgumentException.class,
                () -> open(text, CsvOptions.defaults().withMissing(MissingValues.fillMedian())));
        assertTrue(median.getMessage().contains("Preprocessing's fillMedian"), median.getMessage());
    }

    @Test
    void badRecordsAreReportedWhereTheyAreReached() {
        CsvStream stream = open("a,b\n1,2\n\n3,x\n", CsvOptions.defaults());
        assertEquals(List.of(1.0, 2.0), stream.next().values());
        DataFormatException e = assertThrows(DataFormatException.class, stream::hasNext);
        assertEquals("t.csv:4:2 (column 'b'): expected a number, got 'x'", e.getMessage());
        assertEquals(4, e.line());
        stream.close();

        DataFormatException count = assertThrows(DataFormatException.class, () -> all(open("a,b\n1,2,3\n", CsvOptions.defaults())));
        assertEquals("t.csv:2: expected 2 columns (as in the header), got 3", count.getMessage());
        DataFormatException unknown = assertThrows(DataFormatException.class,
                () -> open("a,b\n1,2\n", CsvOptions.defaults().withColumns("z")));
        assertEquals("t.csv:1: unknown column 'z'; the header has ['a', 'b']", unknown.getMessage());
        DataFormatException duplicate = assertThrows(DataFormatException.class, () -> open("a,a\n1,2\n", CsvOptions.defaults()));
        assertEquals("t.csv:1:2: column name 'a' is already the name of column 1", duplicate.getMessage());
    }

    @Test
    void aClosedStreamHasNoMoreRecords() {
        CsvStream stream = open("a\n1\n2\n", CsvOptions.defaults());
        assertTrue(stream.hasNext());
        stream.close();
        assertFalse(stream.hasNext());
        stream.close();
    }
}
