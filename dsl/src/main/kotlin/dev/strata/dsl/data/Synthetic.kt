package dev.strata.dsl.data

import java.time.LocalDate
import java.util.SplittableRandom
import kotlin.math.exp
import kotlin.math.hypot
import kotlinx.coroutines.flow.Flow

/**
 * Seeded synthetic data sets for the examples whose original data is not available: the same
 * rows for the same seed on every JVM.
 */
object Synthetic {
    /** The storm data's first date; rows are spread evenly, in date order, from here. */
    private val FIRST_DAY: LocalDate = LocalDate.of(2010, 1, 1)

    /** Days covered by the storm data: 2010-01-01 to 2017-12-31. */
    private const val DAYS = 2922

    /** Intercept of the storm log-odds, chosen so that about 5 % of storms rotate. */
    private const val STORM_INTERCEPT = -4.07

    /** The input columns of [storms], in order. */
    @JvmField
    val STORM_INPUTS: List<String> = listOf("reflectivity", "u_wind", "v_wind", "temperature")

    /**
     * Storm-like data with the shape of SPEC E2: four inputs ([STORM_INPUTS]: composite
     * reflectivity in dBZ, 10 m wind components in m/s, 2 m temperature in K), a `date` column
     * (ISO text, 2010-01-01 to 2017-12-31, rows in date order, for a split by date) and a 0/1
     * `rotation` target, positive for about 5 % of the rows. Rotation is more likely for strong
     * reflectivity, fast winds and warm air (a logistic model plus chance), so a small classifier
     * can learn it but not perfectly.
     */
    @JvmStatic
    @JvmOverloads
    fun storms(count: Int = 20_000, seed: Long = 42): Flow<Example> =
        generatedSource(count.toLong(), seed, name = "<storms>") { random, i ->
            val reflectivity = normal(random, 30.0, 10.0)
            val u = normal(random, 5.0, 5.0)
            val v = normal(random, 2.0, 5.0)
            val temperature = normal(random, 290.0, 8.0)
            val logit = STORM_INTERCEPT + 1.2 * (reflectivity - 30) / 10 + 0.8 * (hypot(u, v) - 7) / 4 +
                0.5 * (temperature - 290) / 8
            val rotation = if (random.nextDouble() < 1 / (1 + exp(-logit))) 1.0 else 0.0
            Example.of(
                "date" to FIRST_DAY.plusDays(i * DAYS / count).toString(),
                "reflectivity" to reflectivity, "u_wind" to u, "v_wind" to v, "temperature" to temperature,
                "rotation" to rotation,
            )
        }

    /**
     * SPEC E3's points: [count] 2-D points (`x1`, `x2`) of two classes (`label`), each
     * coordinate normal with standard deviation 0.5. Class 0 is one blob at mean 0; class 1 is
     * two blobs at means −1 and 1 (a quarter of the points each), so no straight line separates
     * the classes and the hidden layer has work to do. Rows come class by class: shuffle them
     * for training.
     */
    @JvmStatic
    @JvmOverloads
    fun blobs(count: Int = 400, seed: Long = 0): Flow<Example> {
        require(count % 4 == 0) { "blobs needs a count divisible by 4, got $count" }
        return generatedSource(count.toLong(), seed, name = "<blobs>") { random, i ->
            val (mean, label) = when {
                i < count / 4 -> -1.0 to 1.0
                i < count / 2 -> 1.0 to 1.0
                else -> 0.0 to 0.0
            }
            Example.of("x1" to normal(random, mean, 0.5), "x2" to normal(random, mean, 0.5), "label" to label)
        }
    }

    /** A normal draw by Box–Muller, spelled out so the data never depends on a JDK's Gaussian algorithm. */
    private fun normal(random: SplittableRandom, mean: Double, sd: Double): Double {
        val u1 = 1.0 - random.nextDouble() // in (0, 1], so the log is finite
        val u2 = random.nextDouble()
        return mean + sd * kotlin.math.sqrt(-2 * kotlin.math.ln(u1)) * kotlin.math.cos(2 * Math.PI * u2)
    }
}
