package dev.strata.dsl.script

/**
 * The line of the script named [scriptFileName] through which [error] propagated: the innermost
 * stack frame whose source file is the script (the compiled script class and its lambdas keep the
 * script's file name and lines). Causes are searched when the error itself has no such frame,
 * e.g. an exception wrapped by a coroutine or a worker thread.
 */
internal fun scriptLineOf(error: Throwable, scriptFileName: String): Int? {
    val seen = HashSet<Throwable>()
    var current: Throwable? = error
    while (current != null && seen.add(current)) {
        current.stackTrace.firstOrNull { it.fileName == scriptFileName && it.lineNumber > 0 }
            ?.let { return it.lineNumber }
        current = current.cause
    }
    return null
}
