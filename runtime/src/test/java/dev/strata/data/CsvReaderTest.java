package dev.strata.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {
    @TempDir
    Path tmp;

    private Path write(String name, String content) throws IOException {
        return Files.writeString(tmp.resolve(name), content, StandardCharsets.UTF_8);
    }

    // ---- the real files ----

    @Test
    void ccppHasItsRowsColumnsAndFirstRow() {
        Path file = SampleData.file("ccpp.csv");
        Table table = CsvReader.read(file);
        assertEquals(9568, table.rows());
        assertEquals(List.of("AT", "V", "AP", "RH", "PE"), table.columnNames());
        assertArrayEquals(new float[] {8.34f, 40.77f, 1010.84f, 90.01f, 480.48f}, table.toMatrix()[0]);
        assertEquals(451.67, table.get(9567, "PE"));
        assertEquals(new RowSource(file.toString(), 2), table.rowSource(0));
        assertEquals(9569, table.rowSource(9567).line());
    }

    @Test
    void concreteValuesWithATrailingSpaceAreTrimmed() {
        Table table = CsvReader.read(SampleData.file("concrete.csv"));
        assertEquals(1030, table.rows());
        assertEquals(9, table.columnCount());
        assertEquals("Blast Furnace Slag", table.columnNames().get(1));
        assertArrayEquals(new float[] {540f, 0f, 0f, 162f, 2.5f, 1040f, 676f, 28f, 79.99f}, table.toMatrix()[0]);
        // The last line has no newline at the end of the file.
        assertEquals(32.40, table.get(1029, "Strength"));
        assertEquals(1031, table.rowSource(1029).line());
    }

    @Test
    void advertisingHasAQuotedEmptyNamedIndexColumn() {
        Table table = CsvReader.read(SampleData.file("advertising.csv"));
        assertEquals(200, table.rows());
        assertEquals(List.of("", "TV", "Radio", "Newspaper", "Sales"), table.columnNames());
        double[] index = table.column("");
        assertEquals(1, index[0]);
        assertEquals(200, index[199]);
        float[][] x = table.toMatrix("TV", "Radio", "Newspaper");
        assertEquals(200, x.length);
        assertArrayEquals(new float[] {230.1f, 37.8f, 69.2f}, x[0]);
        assertArrayEquals(new float[] {22.1f, 10.4f}, new float[] {table.toFlatMatrix("Sales")[0], table.toFlatMatrix("Sales")[1]});
    }

    @Test
    void brazingHas27Runs() {
        Table table = CsvReader.read(SampleData.file("brazing_residual_stress.csv"));
        assertEquals(27, table.rows());
        assertEquals(8, table.columnCount());
        assertArrayEquals(new float[] {50, 1090, 20, 3}, table.toMatrix("thickness_um", "temperature_c", "hold_min",
                "cooling_c_per_min")[0]);
        assertEquals(529.6, table.get(0, "stress_max_mpa"));
        assertEquals(439.739, table.get(26, "path2_stress_mpa"));
    }

    @Test
    void biasCorrectionNeedsItsTextColumnsDeclared() {
        Path file = SampleData.file("bias_correction_ucl.csv");
        DataFormatException e = assertThrows(DataFormatException.class, () -> CsvReader.read(file));
        assertEquals(file + ":2:2 (column 'Date'): expected a number, got '2013-06-30'", e.getMessage());
    }

    @Test
    void biasCorrectionKeepsStationAndDateAsText() {
        Table table = CsvReader.read(SampleData.file("bias_correction_ucl.csv"),
                CsvOptions.defaults().withText("station", "Date").withMissing(MissingValues.keep()));
        assertEquals(7752, table.rows());
        assertEquals(25, table.columnCount());
        assertEquals(List.of("station", "Date"), table.textColumnNames());
        assertEquals(23, table.numericColumnNames().size());
        assertEquals("1", table.text("station")[0]);
        assertEquals("2013-06-30", table.text("Date")[0]);
        assertEquals("Solar radiation", table.numericColumnNames().get(20));
        assertEquals(5992.895996, table.get(0, "Solar radiation"));
    }

    @Test
    void columnsOptionReadsOnlyThoseInThatOrder() throws IOException {
        Path file = write("some.csv", "a,b,c\n1,x,3\n4,y,6\n");
        Table table = CsvReader.read(file, CsvOptions.defaults().withColumns("c", "a"));
        assertEquals(List.of("c", "a"), table.columnNames());
        assertArrayEquals(new float[] {3, 1, 6, 4}, table.toFlatMatrix());
    }

    @Test
    void quotedFieldsMayHoldCommasAndNewlinesWithoutShiftingLineNumbers() throws IOException {
        Path file = write("quoted.csv", "name,v\n\"a, b\",1\n\"two\nlines\",2\nc,oops\n");
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> CsvReader.read(file, CsvOptions.defaults().withText("name")));
        assertEquals(file + ":5:2 (column 'v'): expected a number, got 'oops'", e.getMessage());
        Table table = CsvReader.read(Files.writeString(file, "name,v\n\"a, b\",1\n\"two\nlines\",2\n"),
                CsvOptions.defaults().withText("name"));
        assertEquals("two\nlines", table.text("name")[1]);
        assertEquals(3, table.rowSource(1).line());
    }

    @Test
    void blankLinesAreSkippedAndCounted() throws IOException {
        Path file = write("blank.csv", "a,b\r\n1,2\r\n\r\n3,x\r\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> CsvReader.read(file));
        assertEquals(file + ":4:2 (column 'b'): expected a number, got 'x'", e.getMessage());
        assertEquals(4, e.line());
        assertEquals(2, e.column());
        assertEquals("b", e.columnName());
    }

    @Test
    void byteOrderMarkIsNotPartOfTheFirstName() throws IOException {
        Table table = CsvReader.read(write("bom.csv", "\uFEFFa,b\n1,2\n"));
        assertEquals(List.of("a", "b"), table.columnNames());
    }

    @Test
    void readsFromAReaderUnderAGivenName() {
        Table table = CsvReader.read(new StringReader("x\n1\n2\n"), "inline", CsvOptions.defaults());
        assertEquals("inline", table.file());
        assertArrayEquals(new double[] {1, 2}, table.column("x"));
    }

    // ---- errors ----

    @Test
    void nonNumericCellNamesFileLineAndColumn() {
        Path file = SampleData.resource("bad_number.csv");
        DataFormatException e = assertThrows(DataFormatException.class, () -> CsvReader.read(file));
        assertEquals(file + ":3:2 (column 'b'): expected a number, got 'abc'", e.getMessage());
    }

    @Test
    void numbersAreNotCoerced() throws IOException {
        for (String bad : List.of("1.5f", "0x10", "Infinity", "-NaN", "1,5", "1 2", "1e", "+")) {
            Path file = write("coerce.csv", "v\n\"" + bad + "\"\n");
            DataFormatException e = assertThrows(DataFormatException.class, () -> CsvReader.read(file), bad);
            assertEquals(file + ":2:1 (column 'v'): expected a number, got '" + bad + "'", e.getMessage());
        }
        Table ok = CsvReader.read(write("ok.csv", "v\n-1.5\n+2\n.5\n3.\n1e-3\n2E+2\n"));
        assertArrayEquals(new double[] {-1.5, 2, 0.5, 3, 0.001, 200}, ok.column("v"));
    }

    @Test
    void rowWithTooFewCellsNamesLineAndCounts() {
        Path file = SampleData.resource("short_row.csv");
        DataFormatException e = assertThrows(DataFormatException.class, () -> CsvReader.read(file));
        assertEquals(file + ":3: expected 3 columns (as in the header), got 2", e.getMessage());
    }

    @Test
    void rowWithTooManyCellsNamesLineAndCounts() throws IOException {
        Path file = write("long.csv", "a,b\n1,2\n3,4\n5,6,7\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> CsvReader.read(file));
        assertEquals(file + ":4: expected 2 columns (as in the header), got 3", e.getMessage());
    }

    @Test
    void missingCellIsAnErrorByDefault() {
        Path file = SampleData.resource("missing.csv");
        DataFormatException e = assertThrows(DataFormatException.class, () -> CsvReader.read(file));
        assertEquals(file + ":3:2 (column 'y'): missing value (empty cell); 2 rows have missing values;"
                + " choose a MissingValues policy (dropRows, fillMedian, fillConstant)", e.getMessage());
    }

    @Test
    void missingTokenIsNamedInTheError() throws IOException {
        Path file = write("na.csv", "x,y\n1,2\n3,NA\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> CsvReader.read(file));
        assertEquals(file + ":3:2 (column 'y'): missing value 'NA'; 1 rows have missing values;"
                + " choose a MissingValues policy (dropRows, fillMedian, fillConstant)", e.getMessage());
    }

    @Test
    void missingTokensCanBeChanged() throws IOException {
        Path file = write("dash.csv", "x\n1\n-\n");
        Table table = CsvReader.read(file, CsvOptions.defaults().withMissingTokens("-").withMissing(MissingValues.keep()));
        assertEquals(1, table.missingCount("x"));
        // With "-" as the only token, NA is just a bad number.
        Path na = write("na2.csv", "x\nNA\n");
        assertThrows(DataFormatException.class, () -> CsvReader.read(na, CsvOptions.defaults().withMissingTokens("-")));
    }

    @Test
    void unterminatedQuoteIsAMalformedCsvError() throws IOException {
        Path file = write("quote.csv", "a,b\n1,2\n3,\"4\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> CsvReader.read(file));
        assertEquals(file.toString(), e.file());
        assertEquals(3, e.line());
        assertEquals(file + ":3: malformed CSV: (startline 3) EOF reached before encapsulated token finished",
                e.getMessage());
    }

    @Test
    void duplicateHeaderNameIsAnError() throws IOException {
        Path file = write("dup.csv", "a,b,a\n1,2,3\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> CsvReader.read(file));
        assertEquals(file + ":1:3: column name 'a' is already the name of column 1", e.getMessage());
    }

    @Test
    void emptyFileIsAnError() throws IOException {
        Path file = write("empty.csv", "");
        DataFormatException e = assertThrows(DataFormatException.class, () -> CsvReader.read(file));
        assertEquals(file + ": empty file: expected a header row", e.getMessage());
    }

    @Test
    void optionsNamingAnUnknownColumnListTheHeader() throws IOException {
        Path file = write("h.csv", "a,b\n1,2\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CsvReader.read(file, CsvOptions.defaults().withText("c")));
        assertEquals("unknown column 'c' in " + file + "; available: ['a', 'b']", e.getMessage());
    }

    @Test
    void optionsAreImmutable() {
        CsvOptions base = CsvOptions.defaults();
        CsvOptions text = base.withText("a").withText("b");
        assertEquals(java.util.Set.of(), base.textColumns());
        assertEquals(java.util.Set.of("a", "b"), text.textColumns());
        assertEquals(MissingValues.fail(), base.missingValues());
    }
}
