package dev.strata.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

/**
 * Reads a CSV file with a header row into a {@link Table} (parsing by Apache Commons CSV).
 *
 * <p>Cells are trimmed, so {@code 540.0 ,0.0} reads as 540 and 0, and quoted cells are unquoted,
 * so {@code "1"} is the number 1. A header name may be empty (an unnamed index column is read as
 * the column {@code ""}). Blank lines are skipped. Files are UTF-8, with or without a byte-order
 * mark.
 *
 * <p>Nothing is coerced: a numeric cell must be a plain decimal number ({@code 12}, {@code -0.5},
 * {@code 1e-3}), so {@code 1.5f}, {@code 0x1A} and {@code Infinity} are errors, and every error
 * names the file as given, the 1-based line and column and the column's name:
 * <pre>data.csv:12:3 (column 'Age'): expected a number, got 'abc'</pre>
 * Missing cells (see {@link CsvOptions#missingTokens}) are recorded as missing, then resolved by
 * {@link CsvOptions#missingValues}, which by default makes them an error too.
 */
public final class CsvReader {
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setTrim(true)
            .setIgnoreSurroundingSpaces(true)
            // Blank lines come through as records so the parser's line count stays exact; skipped below.
            .setIgnoreEmptyLines(false)
            .setAllowMissingColumnNames(true)
            // Duplicates are reported below, in Strata's words.
            .setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_ALL)
            .get();

    // A plain decimal number; Double.parseDouble alone would also accept "1f", "0x1p3" and "Infinity".
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private CsvReader() {
    }

    /** Reads every column as a number; missing values are an error. */
    public static Table read(Path file) {
        return read(file, CsvOptions.defaults());
    }

    /**
     * @param file a UTF-8 CSV file with a header row; error messages name it as given here
     * @param options which columns, which are text, and what to do with missing values
     * @return the table, its rows tagged with their lines in the file
     * @throws DataFormatException for bad data, naming file, line and column
     * @throws IllegalArgumentException if the options name a column the header lacks
     * @throws UncheckedIOException if the file cannot be read
     */
    public static Table read(Path file, CsvOptions options) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader, file.toString(), options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads CSV text from any reader (a classpath resource, a string); the caller closes it.
     *
     * @param sourceName what error messages and {@link Table#file()} call the source
     */
    public static Table read(Reader reader, String sourceName, CsvOptions options) {
        try {
            return parse(reader, sourceName, options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + sourceName + ": " + e.getMessage(), e);
        }
    }

    private static Table parse(Reader reader, String file, CsvOptions options) throws IOException {
        try (CSVParser parser = openParser(reader, file)) {
            List<String> header = header(parser, file);
            Layout layout = Layout.of(file, header, options);
            Rows rows = new Rows(layout);

            Iterator<CSVRecord> records = parser.iterator();
            while (true) {
                // The parser has consumed every line up to the previous record: this one starts on the next.
                long line = parser.getCurrentLineNumber() + 1;
                CSVRecord record;
                try {
                    if (!records.hasNext()) {
                        break;
                    }
                    record = records.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    Throwable why = e.getCause() != null ? e.getCause() : e;
                    throw new DataFormatException(file, line, 0, null, "malformed CSV: " + why.getMessage(), e);
                }
                if (record.size() == 1 && record.get(0).isEmpty() && header.size() > 1) {
                    continue; // a blank line
                }
                if (record.size() != header.size()) {
                    throw new DataFormatException(file, line, 0, null, "expected " + header.size()
                            + " columns (as in the header), got " + record.size(), null);
                }
                if (!layout.dropped(record)) {
                    rows.add(record, line);
                }
            }
            return rows.finish(options.missingValues());
        }
    }

    /**
     * A parser over {@code reader} (a byte-order mark skipped) in Strata's CSV format; {@link CsvStream}
     * opens its files the same way, so a file reads the same either way.
     */
    static CSVParser openParser(Reader reader, String file) throws IOException {
        try {
            return CSVParser.builder().setReader(skipByteOrderMark(reader)).setFormat(FORMAT).get();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new DataFormatException(file, 1, 0, null, "bad header: " + e.getMessage(), e);
        }
    }

    /** The parser's header names, checked to be present and distinct. */
    static List<String> header(CSVParser parser, String file) {
        List<String> header = parser.getHeaderNames();
        if (header.isEmpty()) {
            throw new DataFormatException(file, "empty file: expected a header row");
        }
        for (int i = 0; i < header.size(); i++) {
            int first = header.indexOf(header.get(i));
            if (first != i) {
                throw new DataFormatException(file, 1, i + 1, null, "column name '" + header.get(i)
                        + "' is already the name of column " + (first + 1), null);
            }
        }
        return header;
    }

    /** Whether a cell is a plain decimal number (see the class comment). */
    static boolean isNumber(String cell) {
        return NUMBER.matcher(cell).matches();
    }

    private static Reader skipByteOrderMark(Reader reader) throws IOException {
        PushbackReader in = new PushbackReader(reader instanceof BufferedReader ? reader : new BufferedReader(reader));
        int first = in.read();
        if (first != -1 && first != BYTE_ORDER_MARK) {
            in.unread(first);
        }
        return in;
    }

    /** Which file columns are read, as what, and which decide whether a row is dropped. */
    private record Layout(String file, List<String> names, int[] fileIndex, boolean[] text,
                          int[] dropIndex, boolean[] dropText, Set<String> missingTokens) {

        static Layout of(String file, List<String> header, CsvOptions options) {
            List<String> names = options.columns().isEmpty() ? header : options.columns();
            for (String name : names) {
                requireInHeader(file, header, name);
            }
            for (String name : options.textColumns()) {
                requireInHeader(file, header, name);
            }
            int[] fileIndex = new int[names.size()];
            boolean[] text = new boolean[names.size()];
            for (int i = 0; i < names.size(); i++) {
                fileIndex[i] = header.indexOf(names.get(i));
                text[i] = options.textColumns().contains(names.get(i));
            }
            List<String> drop = List.copyOf(options.dropRowsWhereMissing());
            int[] dropIndex = new int[drop.size()];
            boolean[] dropText = new boolean[drop.size()];
            for (int i = 0; i < drop.size(); i++) {
                requireInHeader(file, header, drop.get(i));
                dropIndex[i] = header.indexOf(drop.get(i));
                dropText[i] = options.textColumns().contains(drop.get(i));
            }
            return new Layout(file, List.copyOf(names), fileIndex, text, dropIndex, dropText, options.missingTokens());
        }

        boolean dropped(CSVRecord record) {
            for (int i = 0; i < dropIndex.length; i++) {
                String cell = record.get(dropIndex[i]);
                if (dropText[i] ? cell.isEmpty() : missingTokens.contains(cell)) {
                    return true;
                }
            }
            return false;
        }

        private static void requireInHeader(String file, List<String> header, String name) {
            if (!header.contains(name)) {
                throw new IllegalArgumentException("unknown column '" + name + "' in " + file
                        + "; available: " + Table.quoted(header));
            }
        }
    }

    /** Accumulates parsed rows, then builds the table column by column. */
    private static final class Rows {
        private final Layout layout;
        private final List<double[]> numbers = new ArrayList<>();
        private final List<String[]> texts = new ArrayList<>();
        private final List<Long> lines = new ArrayList<>();
        // Where the first missing cell is, for the error under the default policy.
        private long missingLine;
        private int missingColumn = -1;
        private String missingSpelling;

        Rows(Layout layout) {
            this.layout = layout;
        }

        void add(CSVRecord record, long line) {
            int width = layout.names().size();
            double[] rowNumbers = new double[width];
            String[] rowTexts = new String[width];
            for (int c = 0; c < width; c++) {
                String cell = record.get(layout.fileIndex()[c]);
                if (layout.text()[c]) {
                    rowTexts[c] = cell;
                } else if (layout.missingTokens().contains(cell)) {
                    rowNumbers[c] = Double.NaN; // recorded as missing; the policy decides, below
                    if (missingColumn < 0) {
                        missingLine = line;
                        missingColumn = c;
                        missingSpelling = cell.isEmpty() ? "(empty cell)" : "'" + cell + "'";
                    }
                } else if (isNumber(cell)) {
                    rowNumbers[c] = Double.parseDouble(cell);
                } else {
                    throw cellError(line, c, "expected a number, got '" + cell + "'");
                }
            }
            numbers.add(rowNumbers);
            texts.add(rowTexts);
            lines.add(line);
        }

        Table finish(MissingValues policy) {
            int rows = lines.size();
            long[] rowLines = new long[rows];
            for (int r = 0; r < rows; r++) {
                rowLines[r] = lines.get(r);
            }
            List<Column> columns = new ArrayList<>();
            for (int c = 0; c < layout.names().size(); c++) {
                String name = layout.names().get(c);
                int sourceIndex = layout.fileIndex()[c] + 1;
                if (layout.text()[c]) {
                    String[] values = new String[rows];
                    for (int r = 0; r < rows; r++) {
                        values[r] = texts.get(r)[c];
                    }
                    columns.add(new Column.Text(name, values, sourceIndex));
                } else {
                    double[] values = new double[rows];
                    for (int r = 0; r < rows; r++) {
                        values[r] = numbers.get(r)[c];
                    }
                    columns.add(new Column.Numeric(name, values, sourceIndex));
                }
            }
            Table table = new Table(layout.file(), columns, rowLines);
            if (missingColumn >= 0 && policy instanceof MissingValues.Fail) {
                // The cell Fail.apply would report, but naming how it was spelled in the file.
                throw cellError(missingLine, missingColumn, "missing value " + missingSpelling + "; "
                        + table.rowsWithMissing() + " rows have missing values;"
                        + " choose a MissingValues policy (dropRows, fillMedian, fillConstant)");
            }
            return policy.apply(table);
        }

        private DataFormatException cellError(long line, int c, String message) {
            return new DataFormatException(layout.file(), line, layout.fileIndex()[c] + 1, layout.names().get(c),
                    message, null);
        }
    }
}
