package dev.strata.dsl.script

import dev.strata.dsl.STRATA_VERSION
import java.io.File
import java.nio.file.Files
import java.nio.file.StandardCopyOption
import java.security.MessageDigest
import java.util.jar.JarFile
import kotlin.script.experimental.api.CompiledScript
import kotlin.script.experimental.api.ScriptCompilationConfiguration
import kotlin.script.experimental.api.SourceCode
import kotlin.script.experimental.api.dependencies
import kotlin.script.experimental.jvm.CompiledJvmScriptsCache
import kotlin.script.experimental.jvm.JvmDependency
import kotlin.script.experimental.jvm.impl.KJvmCompiledScript
import kotlin.script.experimental.jvmhost.loadScriptFromJar
import kotlin.script.experimental.jvmhost.saveToJar

/**
 * Keeps compiled scripts as jars in [directory], so that running an unchanged script skips the
 * Kotlin compiler (the bulk of a script's start time).
 *
 * Jars unused for [UNUSED_DAYS] days are deleted when a new one is stored.
 *
 * A jar is keyed by the script's text and file name (the file name is compiled into the class and
 * its stack frames), the Strata version, and the name, size and time of every classpath entry, so
 * rebuilding the DSL or runtime recompiles scripts against the new classes.
 */
class CompiledScriptCache(val directory: File) : CompiledJvmScriptsCache {

    override fun get(script: SourceCode, scriptCompilationConfiguration: ScriptCompilationConfiguration): CompiledScript? {
        val jar = jarFor(script, scriptCompilationConfiguration)
        if (!jar.isFile) return null
        // A damaged or stale jar is a cache miss, never an error. Opening it as a JarFile reads its
        // central directory, at the end: a truncated jar fails here rather than when the script runs.
        val loaded = runCatching {
            JarFile(jar).use { }
            jar.loadScriptFromJar(checkMissingDependencies = true)
        }.getOrNull() ?: return null
        // The modification time records the last use, for pruning.
        jar.setLastModified(System.currentTimeMillis())
        return loaded
    }

    override fun store(
        compiledScript: CompiledScript,
        script: SourceCode,
        scriptCompilationConfiguration: ScriptCompilationConfiguration,
    ) {
        val jvmScript = compiledScript as? KJvmCompiledScript ?: return
        val jar = jarFor(script, scriptCompilationConfiguration)
        // Write aside, then rename: a concurrent run never sees a half-written jar.
        runCatching {
            directory.mkdirs()
            val partial = File.createTempFile(jar.nameWithoutExtension, ".part", directory)
            try {
                jvmScript.saveToJar(partial)
                Files.move(partial.toPath(), jar.toPath(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE)
            } finally {
                partial.delete()
            }
            prune()
        }
    }

    /** Deletes jars unused for [UNUSED_DAYS] days: every edit of a script and every rebuild of Strata leaves one behind. */
    private fun prune() {
        val cutoff = System.currentTimeMillis() - UNUSED_DAYS * 24 * 3600 * 1000L
        directory.listFiles { file -> file.lastModified() < cutoff && (file.name.endsWith(".jar") || file.name.endsWith(".part")) }
            ?.forEach { it.delete() }
    }

    private fun jarFor(script: SourceCode, configuration: ScriptCompilationConfiguration): File {
        val digest = MessageDigest.getInstance("SHA-256")
        fun add(text: String) {
            digest.update(text.toByteArray())
            digest.update(0)
        }
        add(STRATA_VERSION)
        add(script.name.orEmpty())
        add(script.text)
        configuration[ScriptCompilationConfiguration.dependencies].orEmpty()
            .filterIsInstance<JvmDependency>()
            .flatMap { it.classpath }
            .forEach { add("${it.absolutePath}:${it.length()}:${it.lastModified()}") }
        val key = digest.digest().joinToString("") { "%02x".format(it) }
        return File(directory, "${script.name.orEmpty().substringBefore('.')}-${key.take(32)}.jar")
    }

    companion object {
        /** Cached jars not used for this many days are deleted. */
        const val UNUSED_DAYS = 30

        /** `$STRATA_CACHE` if set, else `~/.cache/strata/scripts`. */
        fun defaultDirectory(): File =
            System.getenv("STRATA_CACHE")?.takeIf { it.isNotBlank() }?.let(::File)
                ?: File(System.getProperty("user.home"), ".cache/strata/scripts")
    }
}
