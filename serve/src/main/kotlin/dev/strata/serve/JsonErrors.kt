package dev.strata.serve

import com.fasterxml.jackson.core.JsonProcessingException
import com.fasterxml.jackson.core.io.JsonEOFException
import com.fasterxml.jackson.databind.exc.MismatchedInputException

/**
 * Jackson's parse failures as TF Serving-style messages naming the line and column, in our words
 * (never Jackson's own text, which quotes internals such as token codes and source references).
 */
internal object JsonErrors {
    fun describe(e: JsonProcessingException, body: ByteArray): String {
        val loc = e.location
        val line = loc?.lineNr ?: -1
        val column = loc?.columnNr ?: -1
        val reason = when {
            body.all { it.toInt().toChar().isWhitespace() } -> return "malformed JSON: the request body is empty"
            e is JsonEOFException -> "the body ends before the JSON value is complete"
            e is MismatchedInputException && e.originalMessage.contains("Trailing token") -> "unexpected content after the JSON value"
            else -> charAt(body, line, column)?.let { "unexpected character ${quote(it)}" } ?: "not valid JSON"
        }
        return "malformed JSON at line $line, column $column: $reason"
    }

    private fun charAt(body: ByteArray, line: Int, column: Int): String? {
        if (line < 1 || column < 1) return null
        val lines = String(body, Charsets.UTF_8).split('\n')
        val text = lines.getOrNull(line - 1) ?: return null
        val at = column - 1 // columns are 1-based

        return text.getOrNull(at)?.toString()
    }

    private fun quote(c: String): String = if (c.isBlank()) "(whitespace)" else "'$c'"
}
