package dev.strata.dsl.cli

import dev.strata.dsl.STRATA_VERSION
import dev.strata.dsl.script.CompiledScriptCache
import dev.strata.dsl.script.ScriptOutcome
import dev.strata.dsl.script.StrataScriptRunner
import picocli.CommandLine
import picocli.CommandLine.Command
import picocli.CommandLine.Model.CommandSpec
import picocli.CommandLine.Option
import picocli.CommandLine.Parameters
import picocli.CommandLine.Spec
import java.io.File
import java.util.concurrent.Callable

/**
 * `strata <script.strata.kts> [script args…]`: compiles and runs a Strata script.
 *
 * Exit status: the script's own (if it calls `exitProcess`), else 0 when it completes, 1 when it
 * fails to compile or throws, 2 for a wrong command line or a missing script.
 */
@Command(
    name = "strata",
    mixinStandardHelpOptions = true,
    versionProvider = StrataCommand.Version::class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = ["Runs a Strata script (.strata.kts). Arguments after the script path go to the script as `args`."],
)
class StrataCommand : Callable<Int> {

    @Parameters(index = "0", paramLabel = "SCRIPT", description = ["The .strata.kts file to run."])
    lateinit var script: File

    @Parameters(index = "1..*", paramLabel = "ARG", description = ["Arguments passed to the script."])
    var scriptArgs: List<String> = emptyList()

    @Option(names = ["--stacktrace"], description = ["Print the full stack trace when the script throws."])
    var stacktrace: Boolean = false

    @Option(names = ["--warnings"], description = ["Print Kotlin compiler warnings (hidden by default)."])
    var warnings: Boolean = false

    @Option(names = ["--no-cache"], description = ["Compile the script even if a compiled copy is cached."])
    var noCache: Boolean = false

    @Spec
    lateinit var spec: CommandSpec

    override fun call(): Int {
        val err = spec.commandLine().err
        if (!script.isFile) {
            err.println("error: no such script: ${script.path}")
            err.flush()
            return EXIT_USAGE
        }
        val runner = StrataScriptRunner(if (noCache) null else CompiledScriptCache(CompiledScriptCache.defaultDirectory()))
        val outcome = runner.run(script, scriptArgs)
        if (warnings) outcome.warnings.forEach(err::println)
        // Script output and our messages share the terminal; keep them in order.
        System.out.flush()
        val exitCode = if (outcome is ScriptOutcome.Completed) 0 else {
            err.println(outcome.report(stacktrace))
            EXIT_FAILURE
        }
        err.flush()
        return exitCode
    }

    /** `strata --version`: the Strata, Kotlin and Java versions. */
    class Version : CommandLine.IVersionProvider {
        override fun getVersion(): Array<String> =
            arrayOf("strata $STRATA_VERSION (Kotlin ${KotlinVersion.CURRENT}, Java ${Runtime.version()})")
    }

    companion object {
        /** Exit status when the script fails to compile or throws. */
        const val EXIT_FAILURE = 1

        /** Exit status for a wrong command line, as picocli reports it. */
        const val EXIT_USAGE = 2

        /**
         * A picocli command line for [StrataCommand]. Everything after the script path belongs to
         * the script, even arguments that look like Strata options (`strata t.strata.kts --help`).
         */
        fun commandLine(command: StrataCommand = StrataCommand()): CommandLine =
            CommandLine(command).setStopAtPositional(true)
    }
}
