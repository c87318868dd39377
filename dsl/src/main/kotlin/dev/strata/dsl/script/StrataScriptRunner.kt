package dev.strata.dsl.script

import java.io.File
import kotlin.script.experimental.api.CompiledScript
import kotlin.script.experimental.api.ResultValue
import kotlin.script.experimental.api.ResultWithDiagnostics
import kotlin.script.experimental.api.ScriptCompilationConfiguration
import kotlin.script.experimental.api.ScriptDiagnostic
import kotlin.script.experimental.api.ScriptEvaluationConfiguration
import kotlin.script.experimental.api.constructorArgs
import kotlin.script.experimental.host.ScriptingHostConfiguration
import kotlin.script.experimental.host.toScriptSource
import kotlin.script.experimental.jvm.baseClassLoader
import kotlin.script.experimental.jvm.compilationCache
import kotlin.script.experimental.jvm.jvm
import kotlin.script.experimental.jvm.loadDependencies
import kotlin.script.experimental.jvmhost.BasicJvmScriptingHost
import kotlin.script.experimental.jvmhost.JvmScriptCompiler
import kotlin.script.experimental.jvmhost.createJvmCompilationConfigurationFromTemplate

/**
 * Compiles and runs `.strata.kts` files in this JVM.
 *
 * @param cache where compiled scripts are kept between runs, or null to always compile.
 */
class StrataScriptRunner(cache: CompiledScriptCache? = CompiledScriptCache(CompiledScriptCache.defaultDirectory())) {

    private val host: BasicJvmScriptingHost = run {
        val hostConfiguration = ScriptingHostConfiguration {
            if (cache != null) jvm { compilationCache(cache) }
        }
        BasicJvmScriptingHost(hostConfiguration, JvmScriptCompiler(hostConfiguration))
    }

    private val compilationConfiguration: ScriptCompilationConfiguration =
        createJvmCompilationConfigurationFromTemplate<StrataScript>()

    /**
     * Compiles [script] and runs it with [args] as the script's `args`.
     *
     * @param displayPath how messages name the script; by default the path as given.
     * @return the outcome; exceptions thrown by the script are returned, not rethrown.
     */
    fun run(script: File, args: List<String> = emptyList(), displayPath: String = script.path): ScriptOutcome {
        val compiled = host.runInCoroutineContext {
            host.compiler(script.toScriptSource(), compilationConfiguration)
        }
        val compileMessages = compiled.reports.mapNotNull { it.toCompilerMessage(displayPath) }
        val warnings = compileMessages.filterNot { it.isError }
        val compiledScript = (compiled as? ResultWithDiagnostics.Success)?.value
            ?: return ScriptOutcome.CompileFailed(
                compileMessages.filter { it.isError }
                    .ifEmpty { listOf(CompilerMessage(displayPath, null, null, true, "compilation failed")) },
                warnings,
            )
        return evaluate(compiledScript, args, script, displayPath, warnings)
    }

    private fun evaluate(
        compiledScript: CompiledScript,
        args: List<String>,
        script: File,
        displayPath: String,
        warnings: List<CompilerMessage>,
    ): ScriptOutcome {
        val evaluationConfiguration = ScriptEvaluationConfiguration {
            constructorArgs(args.toTypedArray(), script.absoluteFile.parentFile.toPath().normalize())
            jvm {
                // The script sees the very DSL classes this runner was loaded with.
                baseClassLoader(StrataScript::class.java.classLoader)
                // Every dependency is already on that class loader; don't open a second one.
                loadDependencies(false)
            }
        }
        val evaluated = host.runInCoroutineContext { host.evaluator(compiledScript, evaluationConfiguration) }
        fun threw(error: Throwable) = ScriptOutcome.Threw(error, displayPath, scriptLineOf(error, script.name), warnings)
        return when (evaluated) {
            is ResultWithDiagnostics.Success -> when (val value = evaluated.value.returnValue) {
                is ResultValue.Error -> threw(value.error)
                else -> ScriptOutcome.Completed(warnings)
            }
            is ResultWithDiagnostics.Failure -> {
                val error = evaluated.reports.firstNotNullOfOrNull { it.exception }
                    ?: IllegalStateException(evaluated.reports.joinToString("; ") { it.message })
                threw(error)
            }
        }
    }

    private fun ScriptDiagnostic.toCompilerMessage(displayPath: String): CompilerMessage? {
        val isError = when (severity) {
            ScriptDiagnostic.Severity.FATAL, ScriptDiagnostic.Severity.ERROR -> true
            ScriptDiagnostic.Severity.WARNING -> false
            else -> return null
        }
        val start = location?.start
        val text = buildString {
            append(message.lines().joinToString(" ") { it.trim() }.trim())
            // An internal compiler failure carries its cause only as an exception.
            exception?.takeIf { !message.contains(it.message.orEmpty()) }?.let { append(": ").append(it) }
        }
        return CompilerMessage(displayPath, start?.line, start?.col, isError, text)
    }
}
