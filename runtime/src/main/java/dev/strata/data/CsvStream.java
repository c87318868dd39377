package dev.strata.data;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a CSV file with a header one record at a time, for files too big to hold as a
 * {@link Table} and for data pipelines. Close it (try-with-resources) to release the file.
 *
 * <p>The rules and messages are those of {@link CsvReader}: cells trimmed and unquoted, blank lines
 * skipped, a byte-order mark ignored, a numeric cell a plain decimal number, and every error a
 * {@link DataFormatException} naming the file, line and column, raised when the bad record is
 * reached:
 * <pre>data.csv:12:3 (column 'Age'): expected a number, got 'abc'</pre>
 *
 * <p>Missing cells follow {@link CsvOptions#missingValues()} record by record: {@code fail} (the
 * default) stops at the cell, {@code keep} gives {@code NaN}, {@code dropRows} skips the record,
 * {@code fillConstant} fills. {@code fillMedian} needs every row before the first, so a stream
 * refuses it: keep the cells and fill them with {@link Preprocessing}, fitted on the training rows.
 */
public final class CsvStream implements Iterator<CsvStream.Record>, AutoCloseable {

    /**
     * One record of the file.
     *
     * @param source the file and 1-based line the record starts on
     * @param values one value per column read ({@link #columns()}): a {@link Double} for a numeric
     *     column ({@code NaN} for a missing cell kept by {@link MissingValues#keep()}), a
     *     {@link String} for a text column
     */
    public record Record(RowSource source, List<Object> values) {
        /** Copies the values into an unmodifiable list. */
        public Record {
            values = List.copyOf(values);
        }
    }

    private final String file;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final int headerSize;
    private final List<String> names;
    private final int[] fileIndex;
    private final boolean[] text;
    private final int[] dropIndex;
    private final boolean[] dropText;
    private final Set<String> missingTokens;
    private final MissingValues missing;
    private Record next;
    private boolean closed;

    private CsvStream(Reader reader, String file, CsvOptions options) throws IOException {
        this.file = file;
        this.missingTokens = options.missingTokens();
        this.missing = options.missingValues();
        if (missing instanceof MissingValues.FillMedian) {
            throw new IllegalArgumentException("reading " + file + " as a stream: fillMedian needs every row of a"
                    + " column before the first one, and a median of all rows would leak test data into training;"
                    + " read with MissingValues.keep() and fill with Preprocessing's fillMedian, fitted on the training rows");
        }
        // CsvReader's format, header checks and number grammar, so a file reads the same either way.
        parser = CsvReader.openParser(reader, file);
        List<String> header = CsvReader.header(parser, file);
        headerSize = header.size();
        names = List.copyOf(options.columns().isEmpty() ? header : options.columns());
        fileIndex = new int[names.size()];
        text = new boolean[names.size()];
        for (int i = 0; i < names.size(); i++) {
            fileIndex[i] = headerIndex(header, names.get(i));
            text[i] = options.textColumns().contains(names.get(i));
        }
        for (String name : options.textColumns()) {
            headerIndex(header, name);
        }
        List<String> drop = List.copyOf(options.dropRowsWhereMissing());
        dropIndex = new int[drop.size()];
        dropText = new boolean[drop.size()];
        for (int i = 0; i < drop.size(); i++) {
            dropIndex[i] = headerIndex(header, drop.get(i));
            dropText[i] = options.textColumns().contains(drop.get(i));
        }
        records = parser.iterator();
    }

    /**
     * Opens a file; the caller closes the stream.
     *
     * @param file a UTF-8 CSV file with a header row; error messages name it as given here
     * @throws DataFormatException for a bad header, or options naming a column the header lacks
     * @throws UncheckedIOException if the file cannot be read
     */
    public static CsvStream open(Path file, CsvOptions options) {
        Reader reader;
        try {
            reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return open(reader, file.toString(), options);
    }

    /**
     * Reads CSV text from any reader; closing the stream closes the reader.
     *
     * @param sourceName what error messages and {@link RowSource#file()} call the source
     */
    public static CsvStream open(Reader reader, String sourceName, CsvOptions options) {
        try {
            return new CsvStream(reader, sourceName, options);
        } catch (IOException e) {
            closeQuietly(reader, e);
            throw new UncheckedIOException("cannot read " + sourceName + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(reader, e);
            throw e;
        }
    }

    /** @return the file as the caller named it */
    public String file() {
        return file;
    }

    /** @return the names of the columns read, in the order of {@link Record#values()} */
    public List<String> columns() {
        return names;
    }

    /** @return which columns are read as text, by position in {@link #columns()} */
    public boolean isText(int column) {
        return text[column];
    }

    /** @return the 1-based column of the file that column {@code column} of a record comes from */
    public int fileColumn(int column) {
        return fileIndex[column] + 1;
    }

    /**
     * @throws DataFormatException when the next record is bad
     * @throws UncheckedIOException if the file cannot be read
     */
    @Override
    public boolean hasNext() {
        if (next == null && !closed) {
            next = advance();
        }
        return next != null;
    }

    @Override
    public Record next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more records in " + file);
        }
        Record record = next;
        next = null;
        return record;
    }

    /** Closes the file; further calls to {@link #hasNext()} return false. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        next = null;
        try {
            parser.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + file + ": " + e.getMessage(), e);
        }
    }

    private Record advance() {
        while (true) {
            // The parser has consumed every line up to the previous record: this one starts on the next.
            long line = parser.getCurrentLineNumber() + 1;
            CSVRecord record;
            try {
                if (!records.hasNext()) {
                    return null;
                }
                record = records.next();
            } catch (UncheckedIOException | IllegalStateException e) {
                Throwable why = e.getCause() != null ? e.getCause() : e;
                throw new DataFormatException(file, line, 0, null, "malformed CSV: " + why.getMessage(), e);
            }
            if (record.size() == 1 && record.get(0).isEmpty() && headerSize > 1) {
                continue; // a blank line
            }
            if (record.size() != headerSize) {
                throw new DataFormatException(file, line, 0, null, "expected " + headerSize
                        + " columns (as in the header), got " + record.size(), null);
            }
            if (dropped(record)) {
                continue;
            }
            Object[] values = parse(record, line);
            if (values != null) {
                return new Record(new RowSource(file, line), Arrays.asList(values));
            }
        }
    }

    /** @return the record's values, or null when the missing-value policy drops it */
    private Object[] parse(CSVRecord record, long line) {
        Object[] values = new Object[names.size()];
        for (int c = 0; c < values.length; c++) {
            String cell = record.get(fileIndex[c]);
            if (text[c]) {
                values[c] = cell;
            } else if (missingTokens.contains(cell)) {
                if (missing instanceof MissingValues.Keep) {
                    values[c] = Double.NaN;
                } else if (missing instanceof MissingValues.FillConstant fill) {
                    values[c] = fill.value();
                } else if (missing instanceof MissingValues.DropRows) {
                    return null;
                } else {
                    throw cellError(line, c, "missing value " + (cell.isEmpty() ? "(empty cell)" : "'" + cell + "'")
                            + "; choose a MissingValues policy (keep, dropRows, fillConstant)");
                }
            } else if (CsvReader.isNumber(cell)) {
                values[c] = Double.parseDouble(cell);
            } else {
                throw cellError(line, c, "expected a number, got '" + cell + "'");
            }
        }
        return values;
    }

    private boolean dropped(CSVRecord record) {
        for (int i = 0; i < dropIndex.length; i++) {
            String cell = record.get(dropIndex[i]);
            if (dropText[i] ? cell.isEmpty() : missingTokens.contains(cell)) {
                return true;
            }
        }
        return false;
    }

    private DataFormatException cellError(long line, int c, String message) {
        return new DataFormatException(file, line, fileIndex[c] + 1, names.get(c), message, null);
    }

    private int headerIndex(List<String> header, String name) {
        int i = header.indexOf(name);
        if (i < 0) {
            throw new DataFormatException(file, 1, 0, null, "unknown column '" + name + "'; the header has "
                    + Table.quoted(header), null);
        }
        return i;
    }

    private static void closeQuietly(Reader reader, Exception primary) {
        try {
            reader.close();
        } catch (IOException e) {
            primary.addSuppressed(e);
        }
    }
}
