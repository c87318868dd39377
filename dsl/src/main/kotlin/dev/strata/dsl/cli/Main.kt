@file:JvmName("Main")

package dev.strata.dsl.cli

import kotlin.system.exitProcess

/** Entry point of the `strata` command; see [StrataCommand]. */
fun main(args: Array<String>) {
    val exitCode = StrataCommand.commandLine().execute(*args)
    // ND4J and coroutine pools may leave non-daemon threads behind; the run is over.
    exitProcess(exitCode)
}
