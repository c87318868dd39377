package dev.strata.dsl.data

import kotlin.coroutines.AbstractCoroutineContextElement
import kotlin.coroutines.CoroutineContext
import kotlinx.coroutines.currentCoroutineContext

/**
 * The epoch a pipeline is being collected for, carried in the coroutine context. The training
 * loop collects a pipeline once per epoch with its number here ([repeat] does the same per
 * repetition), so seeded stages such as [shuffle] and [generatedSource] draw a new, reproducible
 * order every epoch from `seed` and the epoch.
 *
 * @property number the 0-based epoch
 */
class Epoch(val number: Int) : AbstractCoroutineContextElement(Key) {
    /** The context key. */
    companion object Key : CoroutineContext.Key<Epoch>

    override fun toString(): String = "Epoch($number)"
}

/** The epoch being collected, 0 outside a training loop. */
suspend fun currentEpoch(): Int = currentCoroutineContext()[Epoch]?.number ?: 0

/** A seed for one epoch, different for every (seed, epoch) pair. */
internal fun epochSeed(seed: Long, epoch: Int): Long = seed * 1_000_003L + epoch
