package dev.strata.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * What to do with missing numeric cells (in a CSV: empty, {@code NaN} or {@code NA}, see
 * {@link CsvOptions#missingTokens}). Nothing is filled silently: the default, {@link #fail()},
 * stops at the first missing cell with its file, line and column; the other policies must be
 * asked for, either when reading ({@link CsvOptions#missing}) or later with {@link #apply}.
 *
 * <p>Policies look at numeric columns only; an empty text cell is data, not a missing number
 * (to drop rows by an empty text cell use {@link CsvOptions#dropRowsWhereMissing}).
 *
 * <p>{@link #fillMedian()} computes the medians from the table it is applied to: apply it to the
 * training rows after splitting, or it leaks test-set statistics into training.
 */
public sealed interface MissingValues
        permits MissingValues.Fail, MissingValues.Keep, MissingValues.DropRows, MissingValues.FillMedian,
        MissingValues.FillConstant {

    /**
     * @param table a table that may have missing numeric cells
     * @return a table without missing numeric cells
     * @throws DataFormatException for {@link Fail}, at the first missing cell
     */
    Table apply(Table table);

    /** @return the default policy: a missing cell is an error naming its file, line and column */
    static MissingValues fail() {
        return new Fail();
    }

    /**
     * @return keep missing cells as missing, to inspect them ({@link Table#rowsWithMissing}) or to
     *     resolve them later; the table still refuses to hand a missing cell out as a number
     */
    static MissingValues keep() {
        return new Keep();
    }

    /** @return drop every row with at least one missing numeric cell */
    static MissingValues dropRows() {
        return new DropRows();
    }

    /** @return replace a missing cell by the median of the column's present values */
    static MissingValues fillMedian() {
        return new FillMedian();
    }

    /** @return replace every missing cell by {@code value} (which must be finite) */
    static MissingValues fillConstant(double value) {
        return new FillConstant(value);
    }

    /** Missing values are an error. */
    record Fail() implements MissingValues {
        @Override
        public Table apply(Table table) {
            List<Column> numeric = table.numericColumns();
            for (int row = 0; row < table.rows(); row++) {
                for (Column column : numeric) {
                    if (Table.isMissing(column, row)) {
                        throw table.missingError(row, column, table.rowsWithMissing()
                                + " rows have missing values; choose a MissingValues policy"
                                + " (dropRows, fillMedian, fillConstant)");
                    }
                }
            }
            return table;
        }
    }

    /** Missing cells stay missing, to be resolved later. */
    record Keep() implements MissingValues {
        @Override
        public Table apply(Table table) {
            return table;
        }
    }

    /** Rows with a missing numeric cell are dropped. */
    record DropRows() implements MissingValues {
        @Override
        public Table apply(Table table) {
            List<Column> numeric = table.numericColumns();
            return table.filterRows(row -> !Table.anyMissing(numeric, row.index()));
        }
    }

    /** Missing cells take their column's median. */
    record FillMedian() implements MissingValues {
        @Override
        public Table apply(Table table) {
            return fill(table, column -> {
                double[] present = Arrays.stream(column.values()).filter(v -> !Double.isNaN(v)).sorted().toArray();
                if (present.length == 0) {
                    throw new DataFormatException(table.file(), "column '" + column.name()
                            + "' has no values at all, so it has no median to fill with");
                }
                int mid = present.length / 2;
                return present.length % 2 == 1 ? present[mid] : (present[mid - 1] + present[mid]) / 2;
            });
        }
    }

    /**
     * Missing cells take a constant.
     *
     * @param value the replacement, finite
     */
    record FillConstant(double value) implements MissingValues {
        /** Rejects a non-finite fill value, which would only bring the missing value back. */
        public FillConstant {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("fill value must be finite, got " + value);
            }
        }

        @Override
        public Table apply(Table table) {
            return fill(table, column -> value);
        }
    }

    /** Replaces the missing cells of each numeric column by {@code fillValue} of that column. */
    private static Table fill(Table table, ToDoubleFunction<Column.Numeric> fillValue) {
        List<Column> out = new ArrayList<>(table.columnCount());
        for (Column column : table.columns()) {
            if (column instanceof Column.Numeric numeric && Arrays.stream(numeric.values()).anyMatch(Double::isNaN)) {
                double with = fillValue.applyAsDouble(numeric);
                double[] filled = numeric.values().clone();
                for (int i = 0; i < filled.length; i++) {
                    if (Double.isNaN(filled[i])) {
                        filled[i] = with;
                    }
                }
                out.add(numeric.withValues(filled));
            } else {
                out.add(column);
            }
        }
        return table.withColumns(out);
    }
}
