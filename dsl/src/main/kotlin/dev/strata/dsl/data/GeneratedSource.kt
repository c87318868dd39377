@file:JvmName("Sources")
@file:JvmMultifileClass

package dev.strata.dsl.data

import dev.strata.data.RowSource
import java.util.SplittableRandom
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow

/**
 * [count] rows made by [generate] from a seeded random stream: the same rows on every
 * collection, on every JVM. Row `i` has source `name:i+1`.
 *
 * ```
 * val noisySine = generatedSource(1_000, seed = 7) { random, i ->
 *     val x = random.nextDouble(-1.0, 2.0)
 *     Example.of("x" to x, "y" to x * sin(10 * PI * x) + 2)
 * }
 * ```
 *
 * @param freshEachEpoch draw new rows every epoch (from `seed` and [currentEpoch]), as for data
 *     augmentation, instead of the same data set every epoch
 * @param generate makes row `index` from `random`; its examples' sources are replaced by `name:index+1`
 */
@JvmOverloads
fun generatedSource(
    count: Long,
    seed: Long,
    name: String = "<generated>",
    freshEachEpoch: Boolean = false,
    generate: (random: SplittableRandom, index: Long) -> Example,
): Flow<Example> {
    require(count >= 0) { "count must be >= 0, got $count" }
    return flow {
        val random = SplittableRandom(if (freshEachEpoch) epochSeed(seed, currentEpoch()) else seed)
        for (i in 0 until count) {
            emit(Example.adopt(generate(random, i).values, RowSource(name, i + 1), emptyMap()))
        }
    }
}
