@file:JvmName("Stages")
@file:JvmMultifileClass

package dev.strata.dsl.data

import dev.strata.data.DataFormatException
import dev.strata.data.Preprocessing
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.mapNotNull
import kotlinx.coroutines.runBlocking

/**
 * Steps to fit on training rows: missing values, scalers, one-hot encodings, in order.
 *
 * ```
 * val prep = preprocessing {
 *     dropMissing("Next_Tmax", "Next_Tmin")  // rows without targets are of no use
 *     fillMedian("LDAPS_RHmin")              // the median of the training rows
 *     standardize("Present_Tmax", "LDAPS_RHmin")
 *     minMax("lat", "lon")
 *     oneHot("station_kind")                 // text categories of the training rows
 *     toCategorical("label", 10)             // class indices
 * }.fit(train)                               // training rows only
 * ```
 */
fun preprocessing(block: Preprocessing.Builder.() -> Unit): Preprocessing.Builder = Preprocessing.builder().apply(block)

/**
 * Fits the steps on the training rows (one pass over [train], holding only the columns the steps
 * name). Blocks the calling thread; from a coroutine use [fitSuspending].
 */
fun Preprocessing.Builder.fit(train: Flow<Example>): Preprocessing = runBlocking { fitSuspending(train) }

/** Fits the steps on the training rows; see [fit]. */
suspend fun Preprocessing.Builder.fitSuspending(train: Flow<Example>): Preprocessing {
    val wanted = columns()
    val rows = ArrayList<Map<String, Any>>()
    val sources = ArrayList<dev.strata.data.RowSource>()
    train.collect { example ->
        // Only the columns the steps read: fitting on images' labels need not hold the images.
        val row = LinkedHashMap<String, Any>(wanted.size * 2)
        for (column in wanted) {
            row[column] = example.values[column] ?: throw DataFormatException(
                example.source.file(), example.source.line(), 0, null,
                "no column '$column' to fit preprocessing on; the row has ${example.columns.joinToString(", ", "[", "]") { "'$it'" }}",
                null,
            )
        }
        rows.add(row)
        sources.add(example.source)
    }
    return fit(rows, sources)
}

/**
 * Applies fitted preprocessing to every example; rows a `dropMissing` step drops are left out.
 * Use the same fitted preprocessing for training, validation and test rows.
 */
fun Flow<Example>.preprocess(preprocessing: Preprocessing): Flow<Example> = mapNotNull { preprocessing.transform(it) }

/** This example preprocessed, or `null` when a `dropMissing` step drops it. */
fun Preprocessing.transform(example: Example): Example? =
    apply(example.values, example.source)?.let { example.withValues(it) }
