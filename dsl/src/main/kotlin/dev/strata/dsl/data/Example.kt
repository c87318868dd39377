package dev.strata.dsl.data

import dev.strata.data.DataFormatException
import dev.strata.data.RowSource
import java.util.Collections

/**
 * One row of a data pipeline: named values, and where the row came from so that an error about
 * it can name the file and line.
 *
 * A value is a number ([Double]; `NaN` when a cell is missing and the source was told to keep
 * missing cells), text ([String]) or a vector ([FloatArray]: an image, a one-hot label).
 *
 * ```
 * val e = Example.of("TV" to 230.1, "Radio" to 37.8, "Sales" to 22.1)
 * e["TV"]                       // 230.1
 * e.with("TV", e["TV"] / 100)   // a new example; examples never change
 * ```
 *
 * Reading a column the row lacks, or a missing number, is a [DataFormatException] naming the
 * file, line and column: nothing is silently turned into a zero.
 *
 * @property source the file and 1-based line (or record) the row came from
 */
class Example private constructor(
    private val fields: Map<String, Any>,
    val source: RowSource,
    // 1-based file column of each name, shared by every row of a file, for error messages.
    private val positions: Map<String, Int>,
) {
    /** The column names, in order. */
    val columns: Set<String> get() = fields.keys

    /**
     * The values by column name, read-only: [Double], [String] or [FloatArray]. This is the row
     * form [dev.strata.data.Preprocessing] and [dev.strata.data.Features] take. Vectors are shared,
     * not copied: do not change them.
     */
    val values: Map<String, Any> = Collections.unmodifiableMap(fields)

    /** The number in [column]; throws naming the row if it is absent, missing or not a number. */
    operator fun get(column: String): Double {
        val value = field(column)
        if (value !is Double) throw error(column, "expected a number, got ${describe(value)}")
        if (value.isNaN()) throw error(column, "missing value; fill or drop missing values first")
        return value
    }

    /** The text in [column]; throws naming the row if it is absent or not text. */
    fun text(column: String): String =
        field(column) as? String ?: throw error(column, "expected text, got ${describe(field(column))}")

    /** The vector in [column] (a copy); a number is a vector of one. */
    fun vector(column: String): FloatArray = when (val value = field(column)) {
        is FloatArray -> value.copyOf()
        is Double -> floatArrayOf(get(column).toFloat())
        else -> throw error(column, "expected a vector, got ${describe(value)}")
    }

    /** Whether the row has [column]. */
    operator fun contains(column: String): Boolean = column in fields

    /** Whether [column] is missing: a `NaN` number or empty text. */
    fun isMissing(column: String): Boolean = when (val value = field(column)) {
        is Double -> value.isNaN()
        is String -> value.isEmpty()
        else -> false
    }

    /** A copy with [column] set (added or replaced) to a number, text or vector. */
    fun with(column: String, value: Any): Example =
        Example(LinkedHashMap(fields).apply { put(column, normalize(column, value)) }, source, positions)

    /** A copy with only [names], in that order; an unknown name is an error naming the row. */
    fun select(vararg names: String): Example {
        val out = LinkedHashMap<String, Any>(names.size * 2)
        for (name in names) out[name] = field(name)
        return Example(out, source, positions)
    }

    /** The same row (source, column numbers) holding other values, already normalized. */
    internal fun withValues(values: Map<String, Any>): Example = Example(values, source, positions)

    /** A copy without [names]. */
    fun drop(vararg names: String): Example = Example(fields - names.toSet(), source, positions)

    override fun toString(): String = fields.entries.joinToString(", ", "Example[$source: ", "]") { (k, v) ->
        "$k=" + if (v is FloatArray) "[${v.size} floats]" else v.toString()
    }

    override fun equals(other: Any?): Boolean = other is Example && source == other.source &&
        fields.keys == other.fields.keys && fields.all { (k, v) -> same(v, other.fields.getValue(k)) }

    override fun hashCode(): Int = 31 * source.hashCode() + fields.keys.hashCode()

    private fun field(column: String): Any = fields[column] ?: throw DataFormatException(
        source.file(), source.line(), 0, null,
        "unknown column '$column'; the row has ${fields.keys.joinToString(", ", "[", "]") { "'$it'" }}", null,
    )

    private fun error(column: String, message: String) =
        DataFormatException(source.file(), source.line(), positions[column] ?: 0, column, message, null)

    companion object {
        private val MEMORY = RowSource("<memory>", 0)

        /** An example made in code from `column to value` pairs. */
        @JvmStatic
        fun of(vararg values: Pair<String, Any>): Example = of(values.toMap(), MEMORY)

        /**
         * An example from values by column; numbers of any type become [Double] and a
         * [DoubleArray] becomes a [FloatArray].
         */
        @JvmStatic
        @JvmOverloads
        fun of(values: Map<String, Any?>, source: RowSource = MEMORY, positions: Map<String, Int> = emptyMap()): Example {
            val fields = LinkedHashMap<String, Any>(values.size * 2)
            for ((k, v) in values) fields[k] = normalize(k, v)
            return Example(fields, source, positions)
        }

        /** Adopts a map already normalized (sources build many rows; no copy). */
        internal fun adopt(fields: Map<String, Any>, source: RowSource, positions: Map<String, Int>) =
            Example(fields, source, positions)

        private fun normalize(column: String, value: Any?): Any = when (value) {
            is Double, is String, is FloatArray -> value
            is Number -> value.toDouble()
            is DoubleArray -> FloatArray(value.size) { value[it].toFloat() }
            null -> throw IllegalArgumentException("column '$column' is null; use Double.NaN for a missing number")
            else -> throw IllegalArgumentException(
                "column '$column' holds a ${value::class.simpleName}; a value is a number, text, FloatArray or DoubleArray",
            )
        }

        private fun describe(value: Any): String = when (value) {
            is String -> "text '$value'"
            is FloatArray -> "a vector of ${value.size}"
            else -> value.toString()
        }

        private fun same(a: Any, b: Any): Boolean =
            if (a is FloatArray && b is FloatArray) a.contentEquals(b) else a == b
    }
}
