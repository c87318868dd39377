package dev.strata.dsl

import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.atomic.AtomicInteger

/**
 * Automatic names for layers and models, as Keras gives them: `dense`, `dense_1`, `dense_2`, … with
 * one counter per type.
 *
 * The counters are global to the JVM, like Keras's session, not per model: models built separately
 * and then nested in one another (`encoder(x)`), or two models sharing a layer, never clash. A name
 * given explicitly is remembered, so an automatic name never repeats it. Scripts start in a fresh
 * JVM, so their names are the same on every run; call [resetLayerNames] (Keras's `clear_session`)
 * where a long-lived JVM needs the same again.
 */
internal object LayerNames {
    private val used: MutableSet<String> = ConcurrentHashMap.newKeySet()
    private val counters = ConcurrentHashMap<String, AtomicInteger>()

    /** The next free name for [prefix]: the prefix itself first, then `prefix_1`, `prefix_2`, … */
    fun next(prefix: String): String {
        val counter = counters.computeIfAbsent(prefix) { AtomicInteger() }
        while (true) {
            val i = counter.getAndIncrement()
            val candidate = if (i == 0) prefix else "${prefix}_$i"
            if (used.add(candidate)) return candidate
        }
    }

    /** Remembers a name the user chose, so that automatic names avoid it. */
    fun claim(name: String): String {
        require(name.isNotBlank()) { "a layer or model name must not be blank" }
        used.add(name)
        return name
    }

    fun reset() {
        used.clear()
        counters.clear()
    }
}

/** [name] if given (remembered so automatic names avoid it), otherwise the next automatic name for [prefix]. */
internal fun nameOr(name: String?, prefix: String): String =
    if (name != null) LayerNames.claim(name) else LayerNames.next(prefix)

/**
 * Restarts automatic layer and model names from `dense`, `sequential`, … (Keras's `clear_session`).
 * Only for a long-lived JVM that builds the same models again; models built before keep their names.
 */
fun resetLayerNames() {
    LayerNames.reset()
}
