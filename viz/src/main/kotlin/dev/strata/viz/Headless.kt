package dev.strata.viz

/** Rendering never needs a display: Strata sets AWT headless before any picture is drawn. */
internal object Headless {
    init {
        System.setProperty("java.awt.headless", "true")
    }

    /** Touching this runs the initializer once. */
    fun ensure() = Unit
}
