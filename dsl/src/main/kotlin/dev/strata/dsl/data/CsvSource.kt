@file:JvmName("Sources")
@file:JvmMultifileClass

package dev.strata.dsl.data

import dev.strata.data.CsvOptions
import dev.strata.data.CsvStream
import java.nio.file.Path
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow

/**
 * The rows of a CSV file with a header, read one record at a time while the flow is collected,
 * so a big file is never held whole. Every collection reads the file again (once per epoch in
 * training); the file is closed when the collection ends, fails or is cancelled.
 *
 * Numbers become [Double], columns listed in [CsvOptions.textColumns] stay [String]. Bad data
 * stops the flow with a [dev.strata.data.DataFormatException] naming the file, line and column
 * of the record where it is found (`data.csv:12:3 (column 'Age'): expected a number, got 'abc'`);
 * missing cells are an error too unless the options say otherwise (`MissingValues.keep()` keeps
 * them as `NaN` for [dev.strata.data.Preprocessing] to fill).
 *
 * Reading blocks the collecting thread: add [prefetch] to read on a background dispatcher.
 *
 * ```
 * val rows = csvSource(Path.of("ccpp.csv"))
 * val storms = csvSource(Path.of("storms.csv"), CsvOptions.defaults().withText("date"))
 * ```
 */
@JvmOverloads
fun csvSource(file: Path, options: CsvOptions = CsvOptions.defaults()): Flow<Example> = flow {
    CsvStream.open(file, options).use { stream ->
        val names = stream.columns()
        // One map of file columns for every row of the file: errors about a row name its column number.
        val positions = names.indices.associate { names[it] to stream.fileColumn(it) }
        while (stream.hasNext()) {
            val record = stream.next()
            val values = record.values()
            val fields = LinkedHashMap<String, Any>(names.size * 2)
            for (i in names.indices) fields[names[i]] = values[i]
            emit(Example.adopt(fields, record.source(), positions))
        }
    }
}

/** [csvSource] for a path given as text. */
@JvmOverloads
fun csvSource(path: String, options: CsvOptions = CsvOptions.defaults()): Flow<Example> = csvSource(Path.of(path), options)
