package dev.strata.dsl.script

import dev.strata.dsl.STRATA_VERSION
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContain
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldStartWith
import io.kotest.matchers.types.shouldBeInstanceOf
import java.nio.file.Files
import java.nio.file.attribute.BasicFileAttributes

class StrataScriptRunnerSpec : FunSpec({

    // Without a cache every test really compiles its script.
    val runner = StrataScriptRunner(cache = null)

    test("a script's stdout is the script's output, with the DSL imported by default") {
        val script = scriptFile("hello.strata.kts", "println(\"hello from \" + STRATA_VERSION)\nprintln(6 * 7)\n")

        val (out, outcome) = capturingStdout { runner.run(script) }

        outcome.shouldBeInstanceOf<ScriptOutcome.Completed>()
        out.lines() shouldBe listOf("hello from $STRATA_VERSION", "42", "")
    }

    test("command-line arguments reach the script as args") {
        val script = scriptFile("args.strata.kts", "println(args.size)\nprintln(args.joinToString(\"|\"))\n")

        val (out, outcome) = capturingStdout { runner.run(script, listOf("--epochs", "3", "two words")) }

        outcome.shouldBeInstanceOf<ScriptOutcome.Completed>()
        out.lines() shouldBe listOf("3", "--epochs|3|two words", "")
    }

    test("scriptDir is the script's own folder, whatever the working directory, so files beside it are found") {
        val script = scriptFile("beside.strata.kts", "println(scriptDir)\nprintln(scriptDir.resolve(\"note.txt\").toFile().readText())\n")
        script.parentFile.resolve("note.txt").writeText("found")

        val (out, outcome) = capturingStdout { runner.run(java.io.File(script.parentFile, "./beside.strata.kts")) }

        outcome.shouldBeInstanceOf<ScriptOutcome.Completed>()
        out.lines() shouldBe listOf(script.parentFile.absoluteFile.toPath().normalize().toString(), "found", "")
    }

    test("a type error names the file, line and column") {
        val script = scriptFile(
            "typo.strata.kts",
            """
            val epochs = 3
                println(epocks)
            """.trimIndent(),
        )

        val outcome = runner.run(script, displayPath = "samples/typo.strata.kts")

        outcome.shouldBeInstanceOf<ScriptOutcome.CompileFailed>()
        outcome.errors shouldHaveSize 1
        outcome.errors[0] shouldBe CompilerMessage(
            "samples/typo.strata.kts", 2, 13, isError = true, "Unresolved reference 'epocks'.",
        )
        outcome.report() shouldBe "samples/typo.strata.kts:2:13: error: Unresolved reference 'epocks'."
    }

    test("a syntax error names the file, line and column") {
        val script = scriptFile("syntax.strata.kts", "val a = 1\nval b = 2\nprintln(a + b\n")

        val outcome = runner.run(script)

        outcome.shouldBeInstanceOf<ScriptOutcome.CompileFailed>()
        outcome.errors shouldContain CompilerMessage(script.path, 3, 14, isError = true, "Syntax error: Expecting ')'.")
    }

    test("an exception thrown by the script reports its message and the script line") {
        val script = scriptFile(
            "boom.strata.kts",
            """
            println("before")
            val size = 3
            require(size > 5) { "size must be > 5, was ${'$'}size" }
            println("after")
            """.trimIndent(),
        )

        val (out, outcome) = capturingStdout { runner.run(script, displayPath = "boom.strata.kts") }

        out shouldBe "before\n"
        outcome.shouldBeInstanceOf<ScriptOutcome.Threw>()
        outcome.line shouldBe 3
        outcome.error.shouldBeInstanceOf<IllegalArgumentException>()
        outcome.report() shouldBe "error: size must be > 5, was 3\n  at boom.strata.kts:3"
        outcome.report(stacktrace = true) shouldStartWith
            "error: size must be > 5, was 3\n  at boom.strata.kts:3\njava.lang.IllegalArgumentException: size must be > 5, was 3\n\tat "
    }

    test("an exception thrown inside a function of the script reports the line of the throw") {
        val script = scriptFile(
            "nested.strata.kts",
            """
            fun load(path: String): String =
                throw IllegalStateException("no such dataset: " + path)

            load("mnist")
            """.trimIndent(),
        )

        val outcome = runner.run(script, displayPath = "nested.strata.kts")

        outcome.shouldBeInstanceOf<ScriptOutcome.Threw>()
        outcome.line shouldBe 2
        outcome.report() shouldBe "error: no such dataset: mnist\n  at nested.strata.kts:2"
    }

    test("a cached script runs again without compiling, and a changed script is recompiled") {
        val cacheDir = Files.createTempDirectory("strata-cache").toFile()
        try {
            val cached = StrataScriptRunner(CompiledScriptCache(cacheDir))
            val script = scriptFile("cached.strata.kts", "println(\"first \" + args.joinToString())\n")

            capturingStdout { cached.run(script, listOf("a")) }.first shouldBe "first a\n"
            val jars = cacheDir.listFiles().orEmpty().filter { it.name.endsWith(".jar") }
            jars shouldHaveSize 1
            jars[0].name shouldStartWith "cached-"
            val firstJar = Files.readAttributes(jars[0].toPath(), BasicFileAttributes::class.java).fileKey()

            capturingStdout { cached.run(script, listOf("b")) }.first shouldBe "first b\n"
            // A recompile would have replaced the jar with a new file.
            Files.readAttributes(jars[0].toPath(), BasicFileAttributes::class.java).fileKey() shouldBe firstJar
            cacheDir.listFiles().orEmpty().count { it.name.endsWith(".jar") } shouldBe 1

            // A damaged jar (say, a full disk) is recompiled, not an error.
            jars[0].writeBytes(jars[0].readBytes().copyOf(100))
            capturingStdout { cached.run(script, listOf("c")) }.first shouldBe "first c\n"

            script.writeText("println(\"second\")\n")
            capturingStdout { cached.run(script) }.first shouldBe "second\n"
            cacheDir.listFiles().orEmpty().count { it.name.endsWith(".jar") } shouldBe 2
        } finally {
            cacheDir.deleteRecursively()
        }
    }

    test("a thrown exception with no frame of the script has no line") {
        scriptLineOf(IllegalStateException("elsewhere"), "x.strata.kts").shouldBeNull()
    }
    test("a shape error in a model names the layer, both shapes and the script line") {
        val script = scriptFile(
            "shapes.strata.kts",
            """
            val m = model {
                val x = input("x", 3)
                val h = dense(4, name = "wide")(x)
                output("y", add(x, h, name = "sum"))
            }
            """.trimIndent(),
        )

        val outcome = runner.run(script, displayPath = "shapes.strata.kts")

        outcome.shouldBeInstanceOf<ScriptOutcome.Threw>()
        outcome.line shouldBe 4
        outcome.report() shouldStartWith "error: layer 'sum' (Add): inputs must have the same shape, got [(None, 3), (None, 4)]\n  at shapes.strata.kts:4"
    }
})
