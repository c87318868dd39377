@file:JvmName("Main")

package dev.strata.dsl.cli

import kotlin.system.exitProcess

/** Entry point of the `strata` command; see [StrataCommand], and `strata serve` ([dev.strata.serve.ServeCommand]). */
fun main(args: Array<String>) {
    val exitCode = if (args.firstOrNull() == "serve") {
        dev.strata.serve.ServeCommand.run(args.copyOfRange(1, args.size))
    } else {
        StrataCommand.commandLine().execute(*args)
    }
    // ND4J and coroutine pools may leave non-daemon threads behind; the run is over.
    exitProcess(exitCode)
}
