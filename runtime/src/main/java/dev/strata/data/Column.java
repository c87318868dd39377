package dev.strata.data;

/**
 * One named column of a {@link Table}: numbers or text. Internal: the table owns the arrays and
 * never hands them out, which keeps tables immutable.
 */
sealed interface Column permits Column.Numeric, Column.Text {

    /** @return the header name */
    String name();

    /** @return the 1-based column of the source file, or 0 for a column built in code */
    int sourceIndex();

    /** @return a column with only the given rows, in the given order */
    Column take(int[] rows);

    /** @return the same column under the name and source index of this one, holding other numbers */
    default Numeric withValues(double[] values) {
        return new Numeric(name(), values, sourceIndex());
    }

    /**
     * Numbers; {@code NaN} marks a missing cell (and only that: CSV parsing never produces a NaN
     * from data, it records the cell as missing).
     */
    record Numeric(String name, double[] values, int sourceIndex) implements Column {
        @Override
        public Numeric take(int[] rows) {
            double[] out = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                out[i] = values[rows[i]];
            }
            return new Numeric(name, out, sourceIndex);
        }
    }

    /** Text cells, trimmed; an empty string is an empty cell. */
    record Text(String name, String[] values, int sourceIndex) implements Column {
        @Override
        public Text take(int[] rows) {
            String[] out = new String[rows.length];
            for (int i = 0; i < rows.length; i++) {
                out[i] = values[rows[i]];
            }
            return new Text(name, out, sourceIndex);
        }
    }
}
