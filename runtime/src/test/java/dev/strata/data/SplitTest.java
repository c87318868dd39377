package dev.strata.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SplitTest {
    @Test
    void byFractionIsReproducibleForASeed() {
        Split a = Split.byFraction(100, 0.8, 42);
        assertEquals(a, Split.byFraction(100, 0.8, 42));
        assertNotEquals(a, Split.byFraction(100, 0.8, 43));
        // Pinned so that a change of shuffle algorithm, which would change every user's split, is noticed.
        assertArrayEquals(new int[] {35, 29, 86, 0, 82}, Arrays.copyOf(Split.byFraction(100, 0.8, 42).test(), 5));
    }

    @Test
    void byFractionPartitionsTheRows() {
        Split split = Split.byFraction(9568, 0.75, 7);
        assertEquals(7176, split.train().length);
        assertEquals(2392, split.test().length);
        int[] all = IntStream.concat(Arrays.stream(split.train()), Arrays.stream(split.test())).sorted().toArray();
        assertArrayEquals(IntStream.range(0, 9568).toArray(), all);
    }

    @Test
    void byFractionRejectsAnEmptySide() {
        assertThrows(IllegalArgumentException.class, () -> Split.byFraction(10, 1.0, 1));
        assertThrows(IllegalArgumentException.class, () -> Split.byFraction(10, 0.01, 1));
    }

    @Test
    void byPredicateSplitsBiasCorrectionByDate() {
        Table table = CsvReader.read(SampleData.file("bias_correction_ucl.csv"), CsvOptions.defaults()
                .withText("station", "Date").withDropRowsWhereMissing("station").withMissing(MissingValues.dropRows()));
        Split split = Split.byPredicate(table, row -> row.text("Date").compareTo("2017-01-01") < 0);
        assertEquals(6082, split.train().length);
        assertEquals(7588 - 6082, split.test().length);
        Table train = table.take(split.train());
        Table test = table.take(split.test());
        assertTrue(Arrays.stream(train.text("Date")).allMatch(d -> d.startsWith("2013") || d.startsWith("2014")
                || d.startsWith("2015") || d.startsWith("2016")));
        assertTrue(Arrays.stream(test.text("Date")).allMatch(d -> d.startsWith("2017")));

        // The scaler sees the training years only.
        String[] features = table.numericColumnNames().subList(0, 21).toArray(String[]::new);
        StandardScaler scaler = StandardScaler.fit(train.toMatrix(features));
        assertEquals(21, scaler.features());
        assertEquals(test.rows(), scaler.transform(test.toMatrix(features)).length);
    }

    @Test
    void byPredicateOnIndices() {
        Split split = Split.byPredicate(5, i -> i % 2 == 0);
        assertArrayEquals(new int[] {0, 2, 4}, split.train());
        assertArrayEquals(new int[] {1, 3}, split.test());
    }
}
