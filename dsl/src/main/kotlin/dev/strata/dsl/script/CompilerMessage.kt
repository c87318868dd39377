package dev.strata.dsl.script

/**
 * One error or warning from compiling a script, located in the script file.
 *
 * [toString] gives the one-line form editors and terminals understand:
 * `path/to/file.strata.kts:LINE:COL: error: message`.
 */
data class CompilerMessage(
    /** The script path as the user gave it. */
    val path: String,
    /** 1-based line, or null when the compiler gave no location. */
    val line: Int?,
    /** 1-based column, or null when the compiler gave no location. */
    val column: Int?,
    /** True for errors, false for warnings. */
    val isError: Boolean,
    /** The compiler's message, on a single line. */
    val message: String,
) {
    override fun toString(): String {
        val where = when {
            line == null -> path
            column == null -> "$path:$line"
            else -> "$path:$line:$column"
        }
        return "$where: ${if (isError) "error" else "warning"}: $message"
    }
}
