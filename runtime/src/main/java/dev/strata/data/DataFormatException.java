package dev.strata.data;

/**
 * Bad input data: a cell that is not a number, a row with the wrong number of cells, a missing
 * value under the {@link MissingValues#fail() fail} policy, a truncated or malformed IDX file.
 *
 * <p>The message always names the file and, where the data is line based, the 1-based line and
 * column, compiler style: {@code data.csv:12:3 (column 'Age'): expected a number, got 'abc'}.
 * The same location is available as {@link #file()}, {@link #line()} and {@link #column()} so a
 * tool can point at it without parsing the message.
 */
public class DataFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final long line;
    private final int column;
    private final String columnName;

    /**
     * An error about a whole file (or a part of it that has no line, such as an IDX record).
     *
     * @param file the file as the caller named it
     * @param message the problem, without the file name
     */
    public DataFormatException(String file, String message) {
        this(file, 0, 0, null, message, null);
    }

    /**
     * An error at a place in a file.
     *
     * @param file the file as the caller named it
     * @param line 1-based line, or 0 when not known
     * @param column 1-based column, or 0 when not known
     * @param columnName the column's header name, or {@code null} when the error is about a row
     * @param message the problem, without the location
     * @param cause the underlying exception, or {@code null}
     */
    public DataFormatException(String file, long line, int column, String columnName, String message,
                               Throwable cause) {
        super(location(file, line, column, columnName) + ": " + message, cause);
        this.file = file;
        this.line = line;
        this.column = column;
        this.columnName = columnName;
    }

    /** @return the file as the caller named it */
    public String file() {
        return file;
    }

    /** @return the 1-based line, or 0 when the error has no line */
    public long line() {
        return line;
    }

    /** @return the 1-based column, or 0 when the error has no column */
    public int column() {
        return column;
    }

    /** @return the column's header name, or {@code null} when the error is not about one column */
    public String columnName() {
        return columnName;
    }

    private static String location(String file, long line, int column, String columnName) {
        StringBuilder at = new StringBuilder(file);
        if (line > 0) {
            at.append(':').append(line);
            if (column > 0) {
                at.append(':').append(column);
            }
        }
        if (columnName != null) {
            at.append(" (column '").append(columnName).append("')");
        }
        return at.toString();
    }
}
