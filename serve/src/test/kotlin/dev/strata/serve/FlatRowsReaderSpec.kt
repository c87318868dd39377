package dev.strata.serve

import io.kotest.core.spec.style.StringSpec
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.shouldBe

class FlatRowsReaderSpec : StringSpec({
    val factory = RequestReader.mapper.factory

    /** The rows as the tree path reads them: each number's double, narrowed to float. */
    fun treeRows(body: String): List<List<Float>> =
        RequestReader.mapper.readTree(body).get("instances").map { row -> row.map { it.doubleValue().toFloat() } }

    fun fast(body: String, width: Int) = FlatRowsReader.read(factory, body.toByteArray(), width)?.map { it.toList() }

    "reads rows of ints, decimals and exponents to the same floats as the tree" {
        for (body in listOf(
            """{"instances": [[1, 2, 3]]}""",
            """{"instances":[[0.1,-2.5e-3,3E2],[1.0000001,-0,123456789012]]}""",
            """ { "instances" : [ [ 0.30000001192092896 , 1e-45 , -3.4028234663852886e38 ] ] } """,
        )) fast(body, 3) shouldBe treeRows(body)
    }

    "leaves everything else to the tree path, which names the problem" {
        for (body in listOf(
            """{"instances": [[1, 2]]}""",               // wrong width
            """{"instances": [[1, 2, 3, 4]]}""",
            """{"instances": [[1, "2", 3]]}""",          // a string
            """{"instances": [[1, null, 3]]}""",
            """{"instances": [[1, NaN, 3]]}""",          // parsed (ALLOW_NON_NUMERIC_NUMBERS), not finite
            """{"instances": [[1, 2, -Infinity]]}""",
            """{"instances": [[1, 2, 1e300]]}""",        // beyond float32
            """{"instances": []}""",
            """{"instances": [{"x": [1, 2, 3]}]}""",     // rows keyed by input name
            """{"instances": [[1, 2, 3]], "inputs": {}}""",
            """{"inputs": [[1, 2, 3]]}""",               // columnar
            """{"instances": [[1, 2, 3]]} trailing""",
            """{"instances": [[1, 2, 3]""",              // malformed
            "",
        )) fast(body, 3).shouldBeNull()
    }
})
