package dev.strata.dsl.data

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList

class CacheSpec : FunSpec({
    test("cache reads the source once and replays the same items") {
        var reads = 0
        val source = flow { reads++; for (i in 1..5) emit(i) }.cache()
        source.toList() shouldBe listOf(1, 2, 3, 4, 5)
        source.toList() shouldBe listOf(1, 2, 3, 4, 5)
        reads shouldBe 1
    }

    test("a collection stopped early caches nothing") {
        var reads = 0
        val source = flow { reads++; for (i in 1..5) emit(i) }.cache()
        source.take(2).toList() shouldBe listOf(1, 2)
        source.toList() shouldBe listOf(1, 2, 3, 4, 5)
        source.toList() shouldBe listOf(1, 2, 3, 4, 5)
        reads shouldBe 2
    }
})
