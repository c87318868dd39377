package dev.strata.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * An immutable table of named columns, each numeric ({@code double}) or text, with the source
 * file and line of every row so later errors can point at the data.
 *
 * <p>Storage is column-major: one {@code double[]} per numeric column, one {@code String[]} per
 * text column. Numbers are kept as {@code double} so that parsing loses nothing; the matrix views
 * ({@link #toMatrix}, {@link #toFlatMatrix}) convert to {@code float} for the engine.
 *
 * <p><b>Missing values.</b> A missing numeric cell is stored as {@code NaN} and is never handed out
 * as a number: {@link #column}, {@link #get}, {@link #toMatrix} and {@link #toFlatMatrix} throw a
 * {@link DataFormatException} naming the first missing cell's file, line and column. Use
 * {@link #isMissing}, {@link #missingCount} and {@link #rowsWithMissing} to inspect them and a
 * {@link MissingValues} policy to resolve them.
 *
 * <p>Every operation returns a new table; no array passed in or out is shared with a table.
 */
public final class Table {
    private static final String MEMORY = "<memory>";

    private final String file;
    private final List<Column> columns;
    private final Map<String, Integer> index;
    private final long[] lines;

    /** Takes ownership of the columns' arrays and of {@code lines}. */
    Table(String file, List<Column> columns, long[] lines) {
        this.file = file;
        this.columns = List.copyOf(columns);
        this.lines = lines;
        Map<String, Integer> byName = new LinkedHashMap<>();
        for (int i = 0; i < this.columns.size(); i++) {
            Column column = this.columns.get(i);
            if (byName.put(column.name(), i) != null) {
                throw new IllegalArgumentException(
                        "duplicate column name '" + column.name() + "' in " + file);
            }
            int size = column instanceof Column.Numeric n ? n.values().length : ((Column.Text) column).values().length;
            if (size != lines.length) {
                throw new IllegalArgumentException("column '" + column.name() + "' has " + size
                        + " rows, expected " + lines.length + " in " + file);
            }
        }
        this.index = Collections.unmodifiableMap(byName);
    }

    /** @return a builder for a table made in code (its rows' source is {@code <memory>}) */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the file the rows were read from, as the caller named it, or {@code <memory>} */
    public String file() {
        return file;
    }

    /** @return the number of rows */
    public int rows() {
        return lines.length;
    }

    /** @return the number of columns, numeric and text */
    public int columnCount() {
        return columns.size();
    }

    /** @return all column names, in table order */
    public List<String> columnNames() {
        return List.copyOf(index.keySet());
    }

    /** @return the names of the numeric columns, in table order */
    public List<String> numericColumnNames() {
        return columns.stream().filter(c -> c instanceof Column.Numeric).map(Column::name).toList();
    }

    /** @return the names of the text columns, in table order */
    public List<String> textColumnNames() {
        return columns.stream().filter(c -> c instanceof Column.Text).map(Column::name).toList();
    }

    /** @return whether the table has a column of this name */
    public boolean hasColumn(String name) {
        return index.containsKey(name);
    }

    /**
     * @return a copy of a numeric column
     * @throws IllegalArgumentException if there is no such column or it is a text column
     * @throws DataFormatException if the column has a missing value
     */
    public double[] column(String name) {
        Column.Numeric column = numeric(name);
        int missing = firstMissing(column.values());
        if (missing >= 0) {
            throw missingError(missing, column, "resolve missing values (MissingValues) before reading the column");
        }
        return column.values().clone();
    }

    /**
     * @return a copy of a text column (cells trimmed, empty string for an empty cell)
     * @throws IllegalArgumentException if there is no such column or it is numeric
     */
    public String[] text(String name) {
        Column column = lookup(name);
        if (column instanceof Column.Text text) {
            return text.values().clone();
        }
        throw new IllegalArgumentException("column '" + name + "' of " + file + " is numeric, not text; use column(name)");
    }

    /**
     * @return the number at a row and numeric column
     * @throws DataFormatException if the cell is missing
     */
    public double get(int row, String name) {
        Column.Numeric column = numeric(name);
        checkRow(row);
        double value = column.values()[row];
        if (Double.isNaN(value)) {
            throw missingError(row, column, "resolve missing values (MissingValues) before reading it");
        }
        return value;
    }

    /** @return whether a numeric cell is missing (a text cell is missing when empty) */
    public boolean isMissing(int row, String name) {
        Column column = lookup(name);
        checkRow(row);
        return isMissing(column, row);
    }

    /** @return how many cells of a column are missing (empty, for a text column) */
    public int missingCount(String name) {
        Column column = lookup(name);
        int count = 0;
        for (int row = 0; row < rows(); row++) {
            if (isMissing(column, row)) {
                count++;
            }
        }
        return count;
    }

    /**
     * @param names the columns to look at; none means every numeric column
     * @return how many rows have at least one missing cell among those columns
     */
    public int rowsWithMissing(String... names) {
        List<Column> look = names.length == 0 ? numericColumns() : lookupAll(names);
        int count = 0;
        for (int row = 0; row < rows(); row++) {
            if (anyMissing(look, row)) {
                count++;
            }
        }
        return count;
    }

    /** @return a view of one row, for predicates */
    public Row row(int row) {
        checkRow(row);
        return new Row(this, row);
    }

    /** @return the file and line the row was read from */
    public RowSource rowSource(int row) {
        checkRow(row);
        return new RowSource(file, lines[row]);
    }

    /**
     * @return a table with only the named columns, in the given order
     * @throws IllegalArgumentException naming an unknown column and listing the available ones
     */
    public Table select(String... names) {
        return new Table(file, lookupAll(names), lines);
    }

    /** @return a table with the rows that pass the predicate, in order */
    public Table filterRows(Predicate<Row> keep) {
        int[] kept = new int[rows()];
        int n = 0;
        for (int row = 0; row < rows(); row++) {
            if (keep.test(new Row(this, row))) {
                kept[n++] = row;
            }
        }
        return take(Arrays.copyOf(kept, n));
    }

    /**
     * @param rowIndices rows to keep, in the order wanted (repeats allowed, e.g. for a bootstrap)
     * @return a table with those rows
     */
    public Table take(int[] rowIndices) {
        long[] taken = new long[rowIndices.length];
        for (int i = 0; i < rowIndices.length; i++) {
            checkRow(rowIndices[i]);
            taken[i] = lines[rowIndices[i]];
        }
        List<Column> out = new ArrayList<>(columns.size());
        for (Column column : columns) {
            out.add(column.take(rowIndices));
        }
        return new Table(file, out, taken);
    }

    /**
     * @param names numeric columns; none means every numeric column in table order
     * @return a rows × columns matrix of floats
     * @throws DataFormatException if a cell is missing
     */
    public float[][] toMatrix(String... names) {
        List<Column.Numeric> cols = numericForMatrix(names);
        float[][] out = new float[rows()][cols.size()];
        for (int c = 0; c < cols.size(); c++) {
            double[] values = cols.get(c).values();
            for (int row = 0; row < values.length; row++) {
                out[row][c] = (float) values[row];
            }
        }
        return out;
    }

    /**
     * @param names numeric columns; none means every numeric column in table order
     * @return the same matrix as {@link #toMatrix}, flattened row-major (length rows × columns)
     * @throws DataFormatException if a cell is missing
     */
    public float[] toFlatMatrix(String... names) {
        List<Column.Numeric> cols = numericForMatrix(names);
        int width = cols.size();
        float[] out = new float[rows() * width];
        for (int c = 0; c < width; c++) {
            double[] values = cols.get(c).values();
            for (int row = 0; row < values.length; row++) {
                out[row * width + c] = (float) values[row];
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "Table[" + file + ": " + rows() + " rows x " + columnCount() + " columns " + quoted(columnNames()) + "]";
    }

    // ---- package-private: used by MissingValues and Row ----

    List<Column> columns() {
        return columns;
    }

    List<Column> numericColumns() {
        return columns.stream().filter(c -> c instanceof Column.Numeric).toList();
    }

    Column lookup(String name) {
        Integer i = index.get(name);
        if (i == null) {
            throw new IllegalArgumentException("unknown column '" + name + "' in " + file
                    + "; available: " + quoted(columnNames()));
        }
        return columns.get(i);
    }

    Column.Numeric numeric(String name) {
        Column column = lookup(name);
        if (column instanceof Column.Numeric numeric) {
            return numeric;
        }
        throw new IllegalArgumentException("column '" + name + "' of " + file + " is text, not numeric; use text(name)");
    }

    /** @return the same rows with some columns replaced (same names, same order) */
    Table withColumns(List<Column> replaced) {
        return new Table(file, replaced, lines);
    }

    DataFormatException missingError(int row, Column column, String advice) {
        return new DataFormatException(file, lines[row], column.sourceIndex(), column.name(),
                "missing value; " + advice, null);
    }

    static boolean isMissing(Column column, int row) {
        return column instanceof Column.Numeric n ? Double.isNaN(n.values()[row])
                : ((Column.Text) column).values()[row].isEmpty();
    }

    static boolean anyMissing(List<Column> columns, int row) {
        for (Column column : columns) {
            if (isMissing(column, row)) {
                return true;
            }
        }
        return false;
    }

    static String quoted(List<String> names) {
        return names.stream().map(n -> "'" + n + "'").collect(Collectors.joining(", ", "[", "]"));
    }

    // ---- private ----

    private List<Column> lookupAll(String... names) {
        List<Column> out = new ArrayList<>(names.length);
        for (String name : names) {
            out.add(lookup(name));
        }
        return out;
    }

    private List<Column.Numeric> numericForMatrix(String... names) {
        List<Column.Numeric> cols = new ArrayList<>();
        if (names.length == 0) {
            numericColumns().forEach(c -> cols.add((Column.Numeric) c));
        } else {
            for (String name : names) {
                cols.add(numeric(name));
            }
        }
        // Report the earliest missing cell in file order, not column order.
        for (int row = 0; row < rows(); row++) {
            for (Column.Numeric column : cols) {
                if (Double.isNaN(column.values()[row])) {
                    throw missingError(row, column, "resolve missing values (MissingValues) before building a matrix");
                }
            }
        }
        return cols;
    }

    private static int firstMissing(double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (Double.isNaN(values[i])) {
                return i;
            }
        }
        return -1;
    }

    private void checkRow(int row) {
        if (row < 0 || row >= rows()) {
            throw new IndexOutOfBoundsException("row " + row + " outside [0, " + rows() + ") of " + file);
        }
    }

    /**
     * Builds a table in code. Arrays are copied. A {@code NaN} in a numeric column is a missing
     * value, exactly as if it had been read from an empty CSV cell.
     */
    public static final class Builder {
        private String file = MEMORY;
        private final List<Column> columns = new ArrayList<>();

        private Builder() {
        }

        /** @param name what error messages call the source, {@code <memory>} by default */
        public Builder source(String name) {
            this.file = name;
            return this;
        }

        /** Adds a numeric column. */
        public Builder numeric(String name, double[] values) {
            columns.add(new Column.Numeric(name, values.clone(), 0));
            return this;
        }

        /** Adds a numeric column, widening the floats to doubles. */
        public Builder numeric(String name, float[] values) {
            double[] wide = new double[values.length];
            for (int i = 0; i < values.length; i++) {
                wide[i] = values[i];
            }
            columns.add(new Column.Numeric(name, wide, 0));
            return this;
        }

        /** Adds a text column ({@code null} cells become empty). */
        public Builder text(String name, String[] values) {
            String[] copy = new String[values.length];
            for (int i = 0; i < values.length; i++) {
                copy[i] = values[i] == null ? "" : values[i];
            }
            columns.add(new Column.Text(name, copy, 0));
            return this;
        }

        /**
         * @return the table; its rows' lines are their 1-based row numbers
         * @throws IllegalArgumentException if the columns differ in length or a name repeats
         */
        public Table build() {
            int rows = columns.isEmpty() ? 0 : columns.get(0) instanceof Column.Numeric n
                    ? n.values().length : ((Column.Text) columns.get(0)).values().length;
            long[] lines = new long[rows];
            for (int i = 0; i < rows; i++) {
                lines[i] = i + 1;
            }
            return new Table(file, columns, lines);
        }
    }
}
