package dev.strata.data;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How {@link CsvReader} reads a file. Start from {@link #defaults()} and chain the {@code with}
 * methods; each returns a new value.
 *
 * <pre>{@code
 * CsvOptions.defaults()
 *     .withText("station", "Date")             // keep these as strings
 *     .withDropRowsWhereMissing("station")     // the file's two summary rows have no station
 *     .withMissing(MissingValues.dropRows());
 * }</pre>
 *
 * @param columns the columns to read, in this order; empty means every column in file order.
 *     Columns not read are not parsed, so bad cells in them are not errors.
 * @param textColumns columns kept as trimmed strings instead of parsed as numbers
 * @param missingTokens trimmed cell values that mean "missing" in a numeric column; by default
 *     {@code ""}, {@code NaN} and {@code NA}
 * @param missingValues the policy applied to missing numeric cells after reading (default
 *     {@link MissingValues#fail()})
 * @param dropRowsWhereMissing rows whose cell in any of these columns is missing (a text cell:
 *     empty) are dropped while reading, before the missing-value policy sees them; the columns need
 *     not be among those read
 */
public record CsvOptions(List<String> columns, Set<String> textColumns, Set<String> missingTokens,
                         MissingValues missingValues, Set<String> dropRowsWhereMissing) {

    /** The default missing-value spellings: empty, {@code NaN} and {@code NA}. */
    public static final Set<String> DEFAULT_MISSING_TOKENS = Set.of("", "NaN", "NA");

    /** Copies the collections so the options stay immutable. */
    public CsvOptions {
        columns = List.copyOf(columns);
        textColumns = Set.copyOf(textColumns);
        missingTokens = Set.copyOf(missingTokens);
        Objects.requireNonNull(missingValues, "missingValues");
        dropRowsWhereMissing = Set.copyOf(dropRowsWhereMissing);
    }

    /** @return every column, all numeric, default missing tokens, missing values are an error */
    public static CsvOptions defaults() {
        return new CsvOptions(List.of(), Set.of(), DEFAULT_MISSING_TOKENS, MissingValues.fail(), Set.of());
    }

    /** @return these options reading only the named columns, in this order */
    public CsvOptions withColumns(String... names) {
        return new CsvOptions(List.of(names), textColumns, missingTokens, missingValues, dropRowsWhereMissing);
    }

    /** @return these options with the named columns (also) read as text */
    public CsvOptions withText(String... names) {
        return new CsvOptions(columns, union(textColumns, names), missingTokens, missingValues, dropRowsWhereMissing);
    }

    /** @return these options with exactly these missing-value spellings */
    public CsvOptions withMissingTokens(String... tokens) {
        return new CsvOptions(columns, textColumns, Set.of(tokens), missingValues, dropRowsWhereMissing);
    }

    /** @return these options with another missing-value policy */
    public CsvOptions withMissing(MissingValues policy) {
        return new CsvOptions(columns, textColumns, missingTokens, policy, dropRowsWhereMissing);
    }

    /** @return these options also dropping rows whose cell in a named column is missing or empty */
    public CsvOptions withDropRowsWhereMissing(String... names) {
        return new CsvOptions(columns, textColumns, missingTokens, missingValues, union(dropRowsWhereMissing, names));
    }

    private static Set<String> union(Set<String> set, String... more) {
        Set<String> out = new LinkedHashSet<>(set);
        out.addAll(List.of(more));
        return out;
    }
}
