package dev.strata.dsl.script

import java.io.PrintWriter
import java.io.StringWriter

/** What happened when a script was compiled and run by [StrataScriptRunner]. */
sealed interface ScriptOutcome {
    /** Compiler warnings; shown only on request, since they are noise for most script authors. */
    val warnings: List<CompilerMessage>

    /** One line per problem, ready for stderr; empty when the script completed. */
    fun report(stacktrace: Boolean = false): String

    /** The script ran to its end. */
    data class Completed(override val warnings: List<CompilerMessage>) : ScriptOutcome {
        override fun report(stacktrace: Boolean) = ""
    }

    /** The script did not compile; [errors] hold at least one error. */
    data class CompileFailed(
        val errors: List<CompilerMessage>,
        override val warnings: List<CompilerMessage>,
    ) : ScriptOutcome {
        override fun report(stacktrace: Boolean) = errors.joinToString("\n")
    }

    /**
     * The script threw [error] while running.
     *
     * [line] is the script line the exception came through (the innermost frame of the script
     * class), or null when no frame of the script is on the stack (e.g. thrown on another thread).
     */
    data class Threw(
        val error: Throwable,
        val path: String,
        val line: Int?,
        override val warnings: List<CompilerMessage>,
    ) : ScriptOutcome {
        override fun report(stacktrace: Boolean): String = buildString {
            append("error: ").append(error.message ?: error.javaClass.name)
            if (line != null) append("\n  at ").append(path).append(':').append(line)
            if (stacktrace) {
                val trace = StringWriter()
                error.printStackTrace(PrintWriter(trace))
                append('\n').append(trace.toString().trimEnd())
            }
        }
    }
}
