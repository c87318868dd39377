package dev.strata.dsl.cli

import dev.strata.dsl.STRATA_VERSION
import dev.strata.dsl.script.capturingStdout
import dev.strata.dsl.script.scriptFile
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldStartWith
import java.io.PrintWriter
import java.io.StringWriter

/** What one `strata …` invocation printed and returned. */
private data class Run(val exitCode: Int, val out: String, val err: String)

private fun strata(vararg args: String): Run {
    val err = StringWriter()
    val commandOut = StringWriter()
    val (scriptOut, exitCode) = capturingStdout {
        StrataCommand.commandLine()
            .setErr(PrintWriter(err, true))
            .setOut(PrintWriter(commandOut, true))
            .execute("--no-cache", *args)
    }
    return Run(exitCode, scriptOut + commandOut, err.toString())
}

class StrataCommandSpec : FunSpec({

    test("runs a script, passing every later argument to it, even ones that look like options") {
        val script = scriptFile("ok.strata.kts", "println(args.toList())\n")

        val run = strata(script.path, "--epochs", "3", "--stacktrace", "--help")

        run shouldBe Run(0, "[--epochs, 3, --stacktrace, --help]\n", "")
    }

    test("a compile error prints file:line:col: error: lines on stderr and exits 1") {
        val script = scriptFile("bad.strata.kts", "val x: Int = 1\nval y: Int = x +\n")

        val run = strata(script.path)

        run shouldBe Run(1, "", "${script.path}:2:17: error: Syntax error: Expecting an element.\n")
    }

    test("an exception prints its message and script line, the stack trace only on request") {
        val script = scriptFile("fail.strata.kts", "println(1)\nerror(\"learning rate must be positive\")\n")

        val quiet = strata(script.path)
        quiet shouldBe Run(1, "1\n", "error: learning rate must be positive\n  at ${script.path}:2\n")

        val verbose = strata("--stacktrace", script.path)
        verbose.exitCode shouldBe 1
        verbose.err shouldStartWith "error: learning rate must be positive\n  at ${script.path}:2\njava.lang.IllegalStateException"
        verbose.err shouldContain "(fail.strata.kts:2)"
    }

    test("a missing script is a usage error") {
        strata("no/such/file.strata.kts") shouldBe Run(2, "", "error: no such script: no/such/file.strata.kts\n")
    }

    test("--version names the Strata version") {
        strata("--version").out shouldStartWith "strata $STRATA_VERSION (Kotlin "
    }
})
