package dev.strata.data;

/**
 * A view of one row of a {@link Table}, given to predicates such as
 * {@link Table#filterRows} and {@link Split#byPredicate(Table, java.util.function.Predicate)}.
 * Reads go straight to the table; a row is only valid as long as you hold its table.
 */
public final class Row {
    private final Table table;
    private final int index;

    Row(Table table, int index) {
        this.table = table;
        this.index = index;
    }

    /** @return the 0-based index of this row in its table */
    public int index() {
        return index;
    }

    /**
     * @return the number in a numeric column
     * @throws DataFormatException if the cell is missing (test with {@link #isMissing} first)
     */
    public double get(String column) {
        return table.get(index, column);
    }

    /** @return the trimmed text in a text column, empty for an empty cell */
    public String text(String column) {
        Column c = table.lookup(column);
        if (c instanceof Column.Text text) {
            return text.values()[index];
        }
        throw new IllegalArgumentException("column '" + column + "' of " + table.file() + " is numeric, not text; use get(name)");
    }

    /** @return whether the cell is missing (a text cell: whether it is empty) */
    public boolean isMissing(String column) {
        return table.isMissing(index, column);
    }

    /** @return the file and line this row was read from */
    public RowSource source() {
        return table.rowSource(index);
    }

    @Override
    public String toString() {
        return "Row[" + index + " at " + source() + "]";
    }
}
