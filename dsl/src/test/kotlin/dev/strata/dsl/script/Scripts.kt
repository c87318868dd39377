package dev.strata.dsl.script

import java.io.ByteArrayOutputStream
import java.io.File
import java.io.PrintStream
import java.nio.file.Files

/** Writes [text] to a fresh `[name]` file in a new temporary directory, deleted when the JVM exits. */
fun scriptFile(name: String, text: String): File {
    val dir = Files.createTempDirectory("strata-spec").toFile().apply { deleteOnExit() }
    return File(dir, name).apply {
        writeText(text)
        deleteOnExit()
    }
}

/** Runs [block] with `System.out` redirected; returns what it printed and its result. */
fun <T> capturingStdout(block: () -> T): Pair<String, T> {
    val original = System.out
    val buffer = ByteArrayOutputStream()
    System.setOut(PrintStream(buffer, true, Charsets.UTF_8))
    val result = try {
        block()
    } finally {
        System.setOut(original)
    }
    return buffer.toString(Charsets.UTF_8) to result
}
