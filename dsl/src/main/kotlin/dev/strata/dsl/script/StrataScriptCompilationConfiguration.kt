package dev.strata.dsl.script

import kotlin.script.experimental.api.ScriptAcceptedLocation
import kotlin.script.experimental.api.ScriptCompilationConfiguration
import kotlin.script.experimental.api.acceptedLocations
import kotlin.script.experimental.api.defaultImports
import kotlin.script.experimental.api.ide
import kotlin.script.experimental.jvm.dependenciesFromCurrentContext
import kotlin.script.experimental.jvm.jvm
import kotlin.script.experimental.jvm.jvmTarget

/**
 * How a `.strata.kts` script is compiled: the Strata DSL and runtime are imported by default and the
 * whole classpath of the running JVM (DSL, runtime, ND4J, coroutines) is visible to the script.
 */
object StrataScriptCompilationConfiguration : ScriptCompilationConfiguration({
    defaultImports(
        "dev.strata.dsl.*",
        "dev.strata.dsl.data.*",
        "dev.strata.ops.Tensor",
        "dev.strata.ops.DType",
        "dev.strata.ops.Expr",
        "dev.strata.model.Model",
        "dev.strata.data.*",
        "dev.strata.viz.*",
        "dev.strata.inspect.*",
        "dev.strata.inspect.cnn.*",
        "dev.strata.viz.cnn.*",
    )
    jvm {
        dependenciesFromCurrentContext(wholeClasspath = true)
        // The DSL is compiled for 17; scripts must match to inline its inline functions.
        jvmTarget("17")
    }
    ide {
        acceptedLocations(ScriptAcceptedLocation.Everywhere)
    }
}) {
    // Keeps the singleton a singleton if the configuration is ever deserialized.
    private fun readResolve(): Any = StrataScriptCompilationConfiguration
}
