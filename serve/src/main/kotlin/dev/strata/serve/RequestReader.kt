package dev.strata.serve

import com.fasterxml.jackson.core.JsonProcessingException
import com.fasterxml.jackson.core.StreamReadFeature
import com.fasterxml.jackson.core.json.JsonReadFeature
import com.fasterxml.jackson.databind.DeserializationFeature
import com.fasterxml.jackson.databind.JsonNode
import com.fasterxml.jackson.databind.json.JsonMapper
import com.fasterxml.jackson.databind.node.ArrayNode
import com.fasterxml.jackson.databind.node.ObjectNode
import dev.strata.data.DataFormatException
import dev.strata.serving.Predictor
import dev.strata.serving.TensorSpec

/** The request's format, which decides the answer's: `predictions` for `instances`, `outputs` for `inputs`. */
enum class RequestFormat { ROW, COLUMNAR }

/** A predict request read and checked: model inputs by name, rows × flattened features. */
class PredictInputs(val format: RequestFormat, val inputs: Map<String, Array<FloatArray>>)

/**
 * Reads TF Serving's predict body — `{"instances": [...]}` (rows: lists, or objects keyed by input
 * name or, for a model with saved preprocessing, by raw column) or `{"inputs": ...}` (columnar) —
 * into checked model inputs. Every problem is an [ApiException] 400 naming the field.
 */
internal object RequestReader {
    val mapper: JsonMapper = JsonMapper.builder()
        // NaN and Infinity parse, so that the error can name the field instead of a token position.
        .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        // Jackson's bundled FastDoubleParser: the JDK's parser took a third of a T2 request (784 numbers).
        .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
        .build()

    fun read(body: ByteArray, predictor: Predictor): PredictInputs {
        flatInput(predictor)?.let { spec ->
            FlatRowsReader.read(mapper.factory, body, spec.width())?.let { return PredictInputs(RequestFormat.ROW, mapOf(spec.name to it)) }
        }
        val root = try {
            mapper.readTree(body) ?: throw ApiException(400, "malformed JSON: the request body is empty")
        } catch (e: JsonProcessingException) {
            throw ApiException(400, JsonErrors.describe(e, body))
        }
        if (root.isMissingNode) throw ApiException(400, "malformed JSON: the request body is empty")
        if (root !is ObjectNode) throw ApiException(400, "the body must be a JSON object with \"instances\" or \"inputs\", got ${kind(root)}")
        val instances = root.get("instances")
        val inputs = root.get("inputs")
        return when {
            instances != null && inputs != null -> throw ApiException(400, "give either \"instances\" or \"inputs\", not both")
            instances != null -> PredictInputs(RequestFormat.ROW, rows(instances, predictor))
            inputs != null -> PredictInputs(RequestFormat.COLUMNAR, columns(inputs, predictor))
            else -> throw ApiException(400, "the body has neither \"instances\" nor \"inputs\"; fields given: ${root.fieldNames().asSequence().toList()}")
        }
    }

    /** The model's input when it is a single flat list of numbers (what [FlatRowsReader] reads), else null. */
    private fun flatInput(p: Predictor): TensorSpec? =
        p.signature().inputs().singleOrNull()?.takeIf { it.shape().size == 1 }

    // ----- row format -----

    private fun rows(node: JsonNode, p: Predictor): Map<String, Array<FloatArray>> {
        if (node !is ArrayNode) throw ApiException(400, "\"instances\" must be a list of rows, got ${kind(node)}")
        if (node.isEmpty) throw ApiException(400, "\"instances\" is empty; send at least one row")
        val specs = p.signature().inputs()
        if (node[0] is ObjectNode) {
            val keys = node[0].fieldNames().asSequence().toList()
            val named = keys.all { p.signature().input(it) != null }
            if (!named && p.hasPreprocessing()) return raw(node, p)
            val out = specs.associate { it.name to arrayOfNulls<FloatArray>(node.size()) }
            node.forEachIndexed { i, row ->
                if (row !is ObjectNode) throw ApiException(400, "instances[$i]: expected an object keyed by input name like instances[0], got ${kind(row)}")
                checkNames(row.fieldNames().asSequence().toList(), p, "instances[$i]")
                for (spec in specs) out.getValue(spec.name)[i] = values(row.get(spec.name), spec, "instances[$i].${spec.name}")
            }
            @Suppress("UNCHECKED_CAST")
            return out as Map<String, Array<FloatArray>>
        }
        val spec = singleInput(p, "instances")
        return mapOf(spec.name to Array(node.size()) { i -> values(node[i], spec, "instances[$i]") })
    }

    /** Raw rows (column → number or text) for the saved preprocessing. */
    private fun raw(node: ArrayNode, p: Predictor): Map<String, Array<FloatArray>> {
        val rows = node.mapIndexed { i, row ->
            if (row !is ObjectNode) throw ApiException(400, "instances[$i]: expected an object keyed by column like instances[0], got ${kind(row)}")
            val m = LinkedHashMap<String, Any?>()
            row.fields().forEach { (k, v) -> m[k] = rawValue(v, "instances[$i].$k") }
            m
        }
        return rawInputs(rows, p)
    }

    private fun rawValue(v: JsonNode, where: String): Any = when {
        v.isNumber -> finite(v.doubleValue(), where)
        v.isTextual -> v.textValue()
        v.isNull -> throw ApiException(400, "$where is null; send a number or text (an empty string for a missing value)")
        else -> throw ApiException(400, "$where: expected a number or text, got ${kind(v)}")
    }

    private fun rawInputs(rows: List<Map<String, Any?>>, p: Predictor): Map<String, Array<FloatArray>> {
        val known = p.signature().rawColumns()
        for ((i, row) in rows.withIndex()) {
            val unknown = row.keys.filter { it !in known }
            if (unknown.isNotEmpty()) {
                throw ApiException(400, "row $i: unknown column${if (unknown.size > 1) "s" else ""} $unknown; the model's inputs are " +
                    "${p.signature().inputNames()} and its raw columns $known")
            }
        }
        val inputs = try {
            p.rawInputs(rows)
        } catch (e: DataFormatException) {
            throw ApiException(400, e.message ?: "a raw value does not fit the model's preprocessing")
        } catch (e: IllegalArgumentException) {
            throw ApiException(400, e.message ?: "raw rows do not fit the model's preprocessing")
        }
        return inputs.mapValues { (_, m) -> m }
    }

    // ----- columnar format -----

    private fun columns(node: JsonNode, p: Predictor): Map<String, Array<FloatArray>> {
        if (node is ArrayNode) {
            val spec = singleInput(p, "inputs")
            if (node.isEmpty) throw ApiException(400, "\"inputs\" is empty; send at least one row")
            return mapOf(spec.name to Array(node.size()) { i -> values(node[i], spec, "inputs[$i]") })
        }
        if (node !is ObjectNode) throw ApiException(400, "\"inputs\" must be an object keyed by input name or a list of rows, got ${kind(node)}")
        val keys = node.fieldNames().asSequence().toList()
        if (keys.isNotEmpty() && keys.none { p.signature().input(it) != null } && p.hasPreprocessing()) return rawColumns(node, p)
        checkNames(keys, p, "inputs")
        var rows = -1
        var first = ""
        return p.signature().inputs().associate { spec ->
            val col = node.get(spec.name)
            val where = "inputs.${spec.name}"
            if (col !is ArrayNode) throw ApiException(400, "$where must be a list of rows, got ${kind(col)}")
            if (col.isEmpty) throw ApiException(400, "$where is empty; send at least one row")
            if (rows >= 0 && col.size() != rows) throw ApiException(400, "$where has ${col.size()} rows but inputs.$first has $rows")
            rows = col.size()
            first = spec.name
            spec.name to Array(col.size()) { i -> values(col[i], spec, "$where[$i]") }
        }
    }

    private fun rawColumns(node: ObjectNode, p: Predictor): Map<String, Array<FloatArray>> {
        var n = -1
        node.fields().forEach { (k, v) ->
            if (v !is ArrayNode) throw ApiException(400, "inputs.$k must be a list of values, got ${kind(v)}")
            if (n >= 0 && v.size() != n) throw ApiException(400, "inputs.$k has ${v.size()} values but the other columns have $n")
            n = v.size()
        }
        if (n <= 0) throw ApiException(400, "\"inputs\" has no values; send at least one row")
        val rows = (0 until n).map { i ->
            val m = LinkedHashMap<String, Any?>()
            node.fields().forEach { (k, v) -> m[k] = rawValue(v[i], "inputs.$k[$i]") }
            m
        }
        return rawInputs(rows, p)
    }

    // ----- values -----

    private fun checkNames(keys: List<String>, p: Predictor, where: String) {
        val names = p.signature().inputNames()
        keys.firstOrNull { it !in names }?.let { throw ApiException(400, "$where: unknown input '$it'; the model's inputs are $names") }
        names.firstOrNull { it !in keys }?.let { throw ApiException(400, "$where: missing input '$it'; the model's inputs are $names") }
    }

    private fun singleInput(p: Predictor, field: String): TensorSpec {
        val specs = p.signature().inputs()
        if (specs.size != 1) {
            throw ApiException(400, "model '${p.name()}' has inputs ${p.signature().inputNames()}; send \"$field\" keyed by input name")
        }
        return specs[0]
    }

    /** One row of one input: nested lists matching the input's shape (a bare number for shape [1]), flattened. */
    private fun values(node: JsonNode?, spec: TensorSpec, where: String): FloatArray {
        if (node == null) throw ApiException(400, "$where: missing")
        val shape = spec.shape()
        val out = FloatArray(spec.width())
        if (shape == listOf(1) && !node.isArray) {
            out[0] = number(node, where)
            return out
        }
        // The position being read; a path string is built only for an error (one per value cost 10 % of a T2 request).
        val index = IntArray(shape.size)
        fun path(depth: Int) = (0 until depth).joinToString("", prefix = where) { "[${index[it]}]" }
        var at = 0
        fun walk(n: JsonNode, depth: Int) {
            if (depth == shape.size) {
                val v = n.doubleValue()
                out[at++] = if (n.isNumber && fitsFloat32(v)) v.toFloat() else number(n, path(depth))
                return
            }
            if (n !is ArrayNode || n.size() != shape[depth]) {
                throw ApiException(400, "$where: expected shape ${shape}, got ${shapeOf(node)}" +
                    (if (n !is ArrayNode) " (${kind(n)} at ${path(depth)})" else ""))
            }
            for (i in 0 until n.size()) {
                index[depth] = i
                walk(n[i], depth + 1)
            }
        }
        walk(node, 0)
        return out
    }

    private fun number(n: JsonNode, where: String): Float {
        if (!n.isNumber) throw ApiException(400, "$where: expected a number, got ${kind(n)}")
        return finite(n.doubleValue(), where).toFloat()
    }

    /** True for a finite number within float32's range: what a model input may hold (false for NaN). */
    fun fitsFloat32(d: Double): Boolean = Math.abs(d) <= Float.MAX_VALUE

    private fun finite(d: Double, where: String): Double {
        if (d.isNaN() || d.isInfinite()) throw ApiException(400, "$where: $d is not allowed; send a finite number")
        if (Math.abs(d) > Float.MAX_VALUE) throw ApiException(400, "$where: $d is out of float32 range")
        return d
    }

    /** The dimensions of a JSON value as nested lists (first element's, for display). */
    private fun shapeOf(n: JsonNode): List<Int> {
        val dims = ArrayList<Int>()
        var c: JsonNode? = n
        while (c is ArrayNode) {
            dims.add(c.size())
            c = if (c.isEmpty) null else c[0]
        }
        return dims
    }

    fun kind(n: JsonNode?): String = when {
        n == null || n.isMissingNode -> "nothing"
        n.isNull -> "null"
        n.isTextual -> "a string \"${n.textValue().take(40)}\""
        n.isBoolean -> "a boolean"
        n.isNumber -> "a number"
        n.isArray -> "a list"
        n.isObject -> "an object"
        else -> n.nodeType.name.lowercase()
    }
}
