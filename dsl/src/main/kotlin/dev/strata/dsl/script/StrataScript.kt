package dev.strata.dsl.script

import kotlin.script.experimental.annotations.KotlinScript

/**
 * The base class of every `.strata.kts` script: the script body becomes this class's constructor.
 *
 * Inside a script, [args] holds the command-line arguments that followed the script path
 * (`strata train.strata.kts --epochs 3` gives `arrayOf("--epochs", "3")`), and [scriptDir] the folder
 * the script lives in, so it can find files beside it from any working directory
 * (`scriptDir.resolve("data/train.csv")`).
 */
@KotlinScript(
    displayName = "Strata script",
    fileExtension = "strata.kts",
    compilationConfiguration = StrataScriptCompilationConfiguration::class,
)
abstract class StrataScript(
    /** The arguments given after the script path on the command line. */
    val args: Array<String>,
    /** The absolute path of the folder holding the script file. */
    val scriptDir: java.nio.file.Path,
)
