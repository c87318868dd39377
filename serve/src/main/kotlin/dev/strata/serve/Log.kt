package dev.strata.serve

import java.time.Instant

/** The server's few log lines (versions loaded and unloaded, errors, the access log when asked), on stderr. */
internal object Log {
    fun info(message: String) = line("I", message)
    fun error(message: String) = line("E", message)

    private fun line(level: String, message: String) {
        System.err.println("$level ${Instant.now()} $message")
    }
}
