package dev.strata.serve

import dev.strata.serving.Predictor
import dev.strata.serving.PredictorOptions
import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.atomic.AtomicBoolean
import java.util.concurrent.atomic.AtomicInteger
import java.util.concurrent.atomic.AtomicReference

/** One loaded version; requests hold a lease so it closes only after the last one in flight. */
class LoadedVersion internal constructor(val version: Long, val predictor: Predictor) {
    private val inFlight = AtomicInteger()
    private val retired = AtomicBoolean()
    private val closed = AtomicBoolean()

    internal fun tryAcquire(): Boolean {
        inFlight.incrementAndGet()
        if (retired.get()) {
            release()
            return false
        }
        return true
    }

    /** Ends a lease taken by [ServedModel.acquire]. */
    fun release() {
        if (inFlight.decrementAndGet() == 0 && retired.get()) closeOnce()
    }

    internal fun retire() {
        retired.set(true)
        if (inFlight.get() == 0) closeOnce()
    }

    private fun closeOnce() {
        if (closed.compareAndSet(false, true)) predictor.close()
    }
}

/** TF Serving's version states, as `GET /v1/models/{name}` reports them. */
enum class VersionState { LOADING, AVAILABLE, UNLOADING, END }

/** A version's state and, for one that failed to load, why. */
data class VersionStatus(val version: Long, val state: VersionState, val error: String?)

/**
 * A model served from `<basePath>/<version>/model.strata`: the newest loadable version serves
 * (TF Serving's default "latest" policy). [refresh] loads a newer version and swaps it in
 * atomically; requests in flight finish on the version they started on. A version that fails to
 * load is refused (logged, reported as END with its error) and not tried again.
 */
class ServedModel(val source: ModelSource, private val options: PredictorOptions, private val onLoaded: (LoadedVersion) -> Unit = {}) {
    val name: String get() = source.name
    private val current = AtomicReference<LoadedVersion?>()
    private val statuses = ConcurrentHashMap<Long, VersionStatus>()

    /** The version now serving, or null before the first load. */
    val serving: LoadedVersion? get() = current.get()

    /** Every version seen, newest first. */
    fun statuses(): List<VersionStatus> = statuses.values.sortedByDescending { it.version }

    /**
     * A lease on the newest version (or on [version], which must be the serving one: older versions
     * are unloaded, as under TF Serving's default policy). Call [LoadedVersion.release] when done.
     */
    fun acquire(version: Long?): LoadedVersion {
        while (true) {
            val v = current.get() ?: throw ApiException(503, "model '$name' has no version loaded yet")
            if (version != null && v.version != version) {
                throw ApiException(404, "Servable not found for request: Specific($name, $version); serving version ${v.version}")
            }
            if (v.tryAcquire()) return v
            // Swapped out between the read and the lease: take the new one.
        }
    }

    /** Numeric version folders under the base path, holding a model file. */
    private fun versionsOnDisk(): List<Long> {
        val base = source.basePath
        if (!Files.isDirectory(base)) return emptyList()
        Files.list(base).use { dirs ->
            return dirs.filter { Files.isDirectory(it) }
                .map { it.fileName.toString() }
                .filter { it.isNotEmpty() && it.length < 19 && it.all(Char::isDigit) }
                .map { it.toLong() }
                .filter { Files.exists(modelFile(it)) }
                .toList()
        }
    }

    private fun modelFile(version: Long): Path = source.basePath.resolve(version.toString()).resolve("model.strata")

    /** Loads the newest version not yet tried if it is newer than the serving one; true when it swapped. */
    @Synchronized
    fun refresh(): Boolean {
        val newest = versionsOnDisk().filter { !statuses.containsKey(it) }.maxOrNull() ?: return false
        val old = current.get()
        if (old != null && newest <= old.version) {
            statuses[newest] = VersionStatus(newest, VersionState.END, "older than the serving version ${old.version}")
            return false
        }
        statuses[newest] = VersionStatus(newest, VersionState.LOADING, null)
        val predictor = try {
            Predictor.load(modelFile(newest), options)
        } catch (e: RuntimeException) {
            val why = e.message ?: e.toString()
            statuses[newest] = VersionStatus(newest, VersionState.END, why)
            Log.error("model '$name' version $newest refused: $why" + (old?.let { "; version ${it.version} keeps serving" } ?: ""))
            return false
        }
        val loaded = LoadedVersion(newest, predictor)
        onLoaded(loaded)
        current.set(loaded)
        statuses[newest] = VersionStatus(newest, VersionState.AVAILABLE, null)
        Log.info("model '$name' version $newest loaded from ${modelFile(newest)}")
        if (old != null) {
            statuses[old.version] = VersionStatus(old.version, VersionState.END, null)
            old.retire()
            Log.info("model '$name' version ${old.version} unloaded")
        }
        return true
    }

    /** Unloads the serving version after its requests in flight. */
    fun close() {
        current.getAndSet(null)?.let {
            it.retire()
            statuses[it.version] = VersionStatus(it.version, VersionState.END, null)
            Log.info("model '$name' version ${it.version} unloaded")
        }
    }
}
