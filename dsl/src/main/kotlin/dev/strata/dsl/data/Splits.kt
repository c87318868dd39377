@file:JvmName("Stages")
@file:JvmMultifileClass

package dev.strata.dsl.data

import dev.strata.data.Split
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.count
import kotlinx.coroutines.flow.filter
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.sync.Mutex
import kotlinx.coroutines.sync.withLock

/** Training and test rows of a split; destructure with `val (train, test) = …`. */
data class TrainTest<T>(val train: Flow<T>, val test: Flow<T>)

/** Training, validation and test rows of a split; destructure with `val (train, validation, test) = …`. */
data class TrainValidationTest<T>(val train: Flow<T>, val validation: Flow<T>, val test: Flow<T>)

/**
 * A random split, exactly as `dev.strata.data.Split.byFraction(n, trainFraction, seed)` splits
 * a table of the same `n` rows: `round(n × trainFraction)` rows train, the rest test. Rows keep
 * the upstream's order (shuffle them with [shuffle]).
 *
 * The upstream is counted once, on the first collection of either side, then read again by each
 * side: it must give the same rows in the same order every time (a file, a seeded generator, a
 * seeded shuffle), which is checked.
 */
fun <T> Flow<T>.split(trainFraction: Double, seed: Long): TrainTest<T> {
    val plan = SplitPlan(this) { n ->
        val split = Split.byFraction(n, trainFraction, seed)
        ByteArray(n) { TEST }.also { parts -> split.train().forEach { parts[it] = TRAIN } }
    }
    return TrainTest(plan.part(TRAIN), plan.part(TEST))
}

/**
 * A random three-way split: `round(n × train)` rows train, `round(n × validation)` validate and
 * the rest test, from one seeded shuffle of the row indices (`Split.byFraction(n, train, seed)`,
 * whose test side then gives its first rows to validation). See the two-way [split].
 */
fun <T> Flow<T>.split(train: Double, validation: Double, seed: Long): TrainValidationTest<T> {
    require(validation > 0 && train + validation < 1) {
        "validation fraction must be positive and leave rows for testing, got train $train, validation $validation"
    }
    val plan = SplitPlan(this) { n ->
        val split = Split.byFraction(n, train, seed)
        val rest = split.test()
        val validationRows = Math.round(n * validation).toInt()
        require(validationRows in 1 until rest.size) {
            "splitting $n rows at train $train, validation $validation leaves validation or test empty"
        }
        ByteArray(n) { TEST }.also { parts ->
            split.train().forEach { parts[it] = TRAIN }
            for (k in 0 until validationRows) parts[rest[k]] = VALIDATION
        }
    }
    return TrainValidationTest(plan.part(TRAIN), plan.part(VALIDATION), plan.part(TEST))
}

/**
 * A split by a rule, e.g. by date: rows for which [isTrain] holds train, the others test. The
 * upstream is read by each side; nothing is counted or held.
 *
 * ```
 * val (train, test) = storms.splitBy { it.text("date") < "2016-01-01" }   // ISO dates compare as text
 * ```
 */
fun <T> Flow<T>.splitBy(isTrain: (T) -> Boolean): TrainTest<T> =
    TrainTest(filter { isTrain(it) }, filter { !isTrain(it) })

/** A three-way split by rules: [isTrain] rows train, of the others [isValidation] rows validate, the rest test. */
fun <T> Flow<T>.splitBy(isTrain: (T) -> Boolean, isValidation: (T) -> Boolean): TrainValidationTest<T> =
    TrainValidationTest(
        filter { isTrain(it) },
        filter { !isTrain(it) && isValidation(it) },
        filter { !isTrain(it) && !isValidation(it) },
    )

private const val TRAIN: Byte = 0
private const val VALIDATION: Byte = 1
private const val TEST: Byte = 2

/** Which part each row of the upstream belongs to, computed once from the row count. */
private class SplitPlan<T>(private val upstream: Flow<T>, private val assign: (Int) -> ByteArray) {
    private val lock = Mutex()
    private var parts: ByteArray? = null

    private suspend fun parts(): ByteArray = lock.withLock {
        parts ?: assign(upstream.count()).also { parts = it }
    }

    fun part(part: Byte): Flow<T> = flow {
        val parts = parts()
        var index = 0
        upstream.collect { item ->
            check(index < parts.size) { changed(parts.size, "more") }
            if (parts[index] == part) emit(item)
            index++
        }
        check(index == parts.size) { changed(parts.size, "fewer") }
    }

    private fun changed(counted: Int, how: String) =
        "the split counted $counted rows but the source now gives $how: split a source that gives the same rows every time"
}
