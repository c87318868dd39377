package dev.strata.viz.cnn

/**
 * Colormaps for heatmaps: [JET] as keras-vis draws saliency and Grad-CAM, [VIRIDIS] the perceptually
 * uniform one (matplotlib's default), [GRAY] for filters and digits. `rgb(t)` maps t in [0, 1]
 * (clamped) to a packed 0xRRGGBB colour.
 */
enum class Colormap {
    /** matplotlib's jet: dark blue, blue, cyan, yellow, red, dark red. */
    JET {
        override fun rgb(t: Double): Int {
            val x = t.coerceIn(0.0, 1.0)
            fun ch(c: Double) = (255 * (1.5 - Math.abs(4 * x - c)).coerceIn(0.0, 1.0)).toInt()
            return pack(ch(3.0), ch(2.0), ch(1.0))
        }
    },

    /** matplotlib's viridis, interpolated between 11 of its colours: purple, blue, teal, green, yellow. */
    VIRIDIS {
        override fun rgb(t: Double): Int {
            val x = t.coerceIn(0.0, 1.0) * (VIRIDIS_STOPS.size - 1)
            val i = minOf(x.toInt(), VIRIDIS_STOPS.size - 2)
            val f = x - i
            val a = VIRIDIS_STOPS[i]
            val b = VIRIDIS_STOPS[i + 1]
            fun mix(k: Int) = (a[k] + (b[k] - a[k]) * f).toInt()
            return pack(mix(0), mix(1), mix(2))
        }
    },

    /** Black to white. */
    GRAY {
        override fun rgb(t: Double): Int {
            val v = (255 * t.coerceIn(0.0, 1.0)).toInt()
            return pack(v, v, v)
        }
    };

    /** The colour of [t] in [0, 1] as 0xRRGGBB. */
    abstract fun rgb(t: Double): Int

    companion object {
        /** By name, case-insensitive ("jet", "viridis", "gray"). */
        @JvmStatic
        fun named(name: String): Colormap = entries.firstOrNull { it.name.equals(name, ignoreCase = true) }
            ?: throw IllegalArgumentException("unknown colormap '$name': expected one of ${entries.map { it.name.lowercase() }}")

        internal fun pack(r: Int, g: Int, b: Int) = (r shl 16) or (g shl 8) or b

        // matplotlib's viridis at 0, 0.1, ..., 1.
        private val VIRIDIS_STOPS = arrayOf(
            intArrayOf(68, 1, 84), intArrayOf(72, 36, 117), intArrayOf(65, 68, 135), intArrayOf(53, 95, 141),
            intArrayOf(42, 120, 142), intArrayOf(33, 145, 140), intArrayOf(34, 168, 132), intArrayOf(68, 191, 112),
            intArrayOf(122, 209, 81), intArrayOf(189, 223, 38), intArrayOf(253, 231, 37),
        )
    }
}
