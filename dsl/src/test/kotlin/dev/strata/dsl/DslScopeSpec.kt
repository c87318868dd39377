package dev.strata.dsl

import dev.strata.dsl.script.ScriptOutcome
import dev.strata.dsl.script.StrataScriptRunner
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import java.io.File
import java.nio.file.Files

/** What the @StrataDsl marker rejects at compile time, checked by compiling small scripts. */
class DslScopeSpec : FunSpec({

    val runner = StrataScriptRunner(cache = null)

    fun compile(text: String): ScriptOutcome {
        val dir = Files.createTempDirectory("strata-dsl-scope").toFile()
        val file = File(dir, "scope.strata.kts").apply { writeText(text.trimIndent() + "\n") }
        return try {
            runner.run(file, displayPath = "scope.strata.kts")
        } finally {
            dir.deleteRecursively()
        }
    }

    test("the same declarations compile and run when every call is in its own scope") {
        val outcome = compile(
            """
            val encoder = sequential(inputShape = intArrayOf(4)) { dense(2, activation = tanh) }
            val net = model {
                val x = input("x", 4)
                output("y", dense(1)(encoder(x)))
            }
            check(net.countParams(false) == 13L)
            """,
        )
        outcome.shouldBeInstanceOf<ScriptOutcome.Completed>()
    }

    test("calling the outer model's output() from inside a nested sequential scope does not compile") {
        val outcome = compile(
            """
            val net = model {
                val x = input("x", 4)
                val encoder = sequential(inputShape = intArrayOf(4)) {
                    dense(2)
                    output("y", x)
                }
            }
            """,
        )
        outcome.shouldBeInstanceOf<ScriptOutcome.CompileFailed>()
        outcome.errors shouldHaveSize 1
        val error = outcome.errors.single()
        error.line shouldBe 5
        error.message shouldContain "'fun output(name: String, tensor: SymbolicTensor): Unit' cannot be called in this context with an implicit receiver"
    }

    test("declaring an input of the outer model from a nested scope does not compile either") {
        val outcome = compile(
            """
            val net = model {
                val encoder = sequential {
                    input(4)
                    dense(2)
                }
                val y = input("z", 4)
                output("y", encoder(y))
                sequential(inputShape = intArrayOf(2)) { concatenate(y, y) }
            }
            """,
        )
        outcome.shouldBeInstanceOf<ScriptOutcome.CompileFailed>()
        val error = outcome.errors.single()
        error.line shouldBe 8
        error.message shouldContain "fun concatenate("
        error.message shouldContain "cannot be called in this context with an implicit receiver"
    }

    test("Keras's add(Dense(...)) inside sequential { } does not compile, saying why") {
        val outcome = compile(
            """
            val net = sequential(inputShape = intArrayOf(2)) {
                add(dense(4))
            }
            """,
        )
        outcome.shouldBeInstanceOf<ScriptOutcome.CompileFailed>()
        val error = outcome.errors.single()
        error.line shouldBe 2
        error.message shouldContain "already add their layer: drop add(...)"
    }
})
