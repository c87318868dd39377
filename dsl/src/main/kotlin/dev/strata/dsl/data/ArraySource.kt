@file:JvmName("Sources")
@file:JvmMultifileClass

package dev.strata.dsl.data

import dev.strata.data.RowSource
import dev.strata.data.Table
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow

/**
 * Rows from arrays in memory, one array per column, all of one length:
 * a [DoubleArray], [FloatArray], [IntArray] or [LongArray] gives a number per row, an
 * `Array<FloatArray>` or `Array<DoubleArray>` a vector per row (an image, a feature row), an
 * `Array<String>` or a `List<String>` text. Row `i` has source `<memory>:i+1`.
 *
 * ```
 * val rows = arraySource("x" to xs, "y" to ys)         // xs: Array<FloatArray>, ys: FloatArray
 * ```
 *
 * The arrays are read when the flow is collected, not copied: do not change them while a
 * pipeline over them runs.
 */
fun arraySource(vararg columns: Pair<String, Any>): Flow<Example> = arraySource(linkedMapOf(*columns))

/** [arraySource] from a map of column name to array (kept in the map's order). */
fun arraySource(columns: Map<String, Any>): Flow<Example> {
    require(columns.isNotEmpty()) { "arraySource needs at least one column" }
    val readers = columns.mapValues { (name, array) -> columnReader(name, array) }
    val sizes = readers.mapValues { it.value.size }
    require(sizes.values.toSet().size == 1) { "arraySource columns differ in length: $sizes" }
    val rows = sizes.values.first()
    return flow {
        for (i in 0 until rows) {
            val fields = LinkedHashMap<String, Any>(readers.size * 2)
            for ((name, reader) in readers) fields[name] = reader.value(i)
            emit(Example.adopt(fields, RowSource("<memory>", i + 1L), emptyMap()))
        }
    }
}

/**
 * The rows of a [Table] (read by `CsvReader`, say), keeping each row's file and line. Missing
 * numbers are `NaN` here, for [dev.strata.data.Preprocessing] to fill or drop.
 */
fun tableSource(table: Table): Flow<Example> {
    val numeric = table.numericColumnNames().toSet()
    val names = table.columnNames()
    return flow {
        val columns = names.associateWith { if (it in numeric) NumberColumn(table, it) else table.text(it) }
        for (i in 0 until table.rows()) {
            val fields = LinkedHashMap<String, Any>(names.size * 2)
            for ((name, column) in columns) {
                fields[name] = if (column is NumberColumn) column.value(i) else (column as Array<*>)[i]!!
            }
            emit(Example.adopt(fields, table.rowSource(i), emptyMap()))
        }
    }
}

/** A numeric table column with its missing cells as NaN (the table itself refuses to hand them out). */
private class NumberColumn(table: Table, name: String) {
    private val values = DoubleArray(table.rows()) { if (table.isMissing(it, name)) Double.NaN else table.get(it, name) }
    fun value(row: Int): Double = values[row]
}

/** Reads row `i` of one column array. */
private class ColumnReader(val size: Int, val value: (Int) -> Any)

private fun columnReader(name: String, array: Any): ColumnReader = when (array) {
    is DoubleArray -> ColumnReader(array.size) { array[it] }
    is FloatArray -> ColumnReader(array.size) { array[it].toDouble() }
    is IntArray -> ColumnReader(array.size) { array[it].toDouble() }
    is LongArray -> ColumnReader(array.size) { array[it].toDouble() }
    is List<*> -> ColumnReader(array.size) { i -> array[i] as? String ?: unsupported(name, array[i]) }
    is Array<*> -> ColumnReader(array.size) { i ->
        when (val v = array[i]) {
            is FloatArray -> v
            is DoubleArray -> FloatArray(v.size) { v[it].toFloat() }
            is String -> v
            else -> unsupported(name, v)
        }
    }
    else -> unsupported(name, array)
}

private fun unsupported(name: String, value: Any?): Nothing = throw IllegalArgumentException(
    "arraySource column '$name' holds ${value?.let { it::class.simpleName }}; use DoubleArray, FloatArray, IntArray," +
        " LongArray, Array<FloatArray>, Array<DoubleArray>, Array<String> or List<String>",
)
