@file:JvmName("Stages")
@file:JvmMultifileClass

package dev.strata.dsl.data

import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.map

/**
 * Keeps only the named columns, in this order. A name a row lacks stops the flow with a
 * [dev.strata.data.DataFormatException] naming the row's file and line and the columns it has.
 */
fun Flow<Example>.select(vararg columns: String): Flow<Example> {
    require(columns.isNotEmpty()) { "select needs at least one column" }
    return map { it.select(*columns) }
}
