@file:JvmName("Sources")
@file:JvmMultifileClass

package dev.strata.dsl.data

import java.nio.file.Files
import java.nio.file.Path
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.emitAll
import kotlinx.coroutines.flow.flow

/**
 * The rows of every file in [directory] whose name matches [glob], file after file in name
 * order, each read by [read] (CSV with a header by default). The directory is listed on each
 * collection, so files added between epochs are picked up. No matching file is an error, not
 * an empty data set.
 *
 * ```
 * val days = directorySource(Path.of("logs"), "day-*.csv")
 * val digits = directorySource(Path.of("parts"), "*.csv") { csvSource(it, options) }
 * ```
 */
@JvmOverloads
fun directorySource(
    directory: Path,
    glob: String = "*.csv",
    read: (Path) -> Flow<Example> = { csvSource(it) },
): Flow<Example> = flow {
    val files = Files.newDirectoryStream(directory, glob).use { entries ->
        entries.filter { Files.isRegularFile(it) }.sortedBy { it.fileName.toString() }
    }
    require(files.isNotEmpty()) { "no file matching '$glob' in $directory" }
    for (file in files) emitAll(read(file))
}
