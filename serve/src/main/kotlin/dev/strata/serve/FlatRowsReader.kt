package dev.strata.serve

import com.fasterxml.jackson.core.JsonFactory
import com.fasterxml.jackson.core.JsonProcessingException
import com.fasterxml.jackson.core.JsonToken

/**
 * The common predict body, `{"instances": [[n, …], …]}` for a model whose single input is a flat
 * list of [width] numbers, read straight off Jackson's token stream into floats, without a JSON tree.
 *
 * Why: building the tree and walking it cost about a fifth of the server's CPU for a T2 request
 * (784 numbers). This reader only accepts; it never explains. For anything else — another layout, a
 * wrong row width, a string, null, NaN, a number beyond float32, malformed JSON — it returns null and
 * [RequestReader] reads the body again through the tree, which names the problem. Values are the
 * same floats the tree path gives (`double` parsed, then narrowed).
 */
internal object FlatRowsReader {
    /** The rows, or null when the body is not exactly that shape of finite float32 numbers. */
    fun read(factory: JsonFactory, body: ByteArray, width: Int): Array<FloatArray>? = try {
        factory.createParser(body).use { p ->
            if (p.nextToken() != JsonToken.START_OBJECT || p.nextToken() != JsonToken.FIELD_NAME || p.currentName() != "instances") return null
            if (p.nextToken() != JsonToken.START_ARRAY) return null
            val rows = ArrayList<FloatArray>()
            while (p.nextToken() == JsonToken.START_ARRAY) {
                val row = FloatArray(width)
                for (j in 0 until width) {
                    val t = p.nextToken()
                    if (t != JsonToken.VALUE_NUMBER_FLOAT && t != JsonToken.VALUE_NUMBER_INT) return null
                    val v = p.doubleValue
                    if (!RequestReader.fitsFloat32(v)) return null // NaN, ±Infinity, beyond float32
                    row[j] = v.toFloat()
                }
                if (p.nextToken() != JsonToken.END_ARRAY) return null
                rows.add(row)
            }
            // The loop ended on the first token that is not a row: it must close the list, then the body.
            if (p.currentToken() != JsonToken.END_ARRAY || rows.isEmpty()) return null
            if (p.nextToken() != JsonToken.END_OBJECT || p.nextToken() != null) return null
            rows.toTypedArray()
        }
    } catch (e: JsonProcessingException) {
        null
    }
}
