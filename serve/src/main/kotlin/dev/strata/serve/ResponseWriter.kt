package dev.strata.serve

import com.fasterxml.jackson.core.JsonGenerator
import dev.strata.serving.Signature
import dev.strata.serving.TensorSpec
import java.io.ByteArrayOutputStream

/** TF Serving's response bodies, written with Jackson's streaming generator. */
internal object ResponseWriter {
    private val factory = RequestReader.mapper.factory

    private fun json(write: (JsonGenerator) -> Unit): ByteArray {
        val out = ByteArrayOutputStream(256)
        factory.createGenerator(out).use(write)
        return out.toByteArray()
    }

    fun error(message: String): ByteArray = json { g ->
        g.writeStartObject()
        g.writeStringField("error", message)
        g.writeEndObject()
    }

    /** `{"predictions": [...]}` (row format) or `{"outputs": ...}` (columnar), named where the model has several outputs. */
    fun predictions(format: RequestFormat, signature: Signature, outputs: Map<String, Array<FloatArray>>): ByteArray = json { g ->
        val specs = signature.outputs()
        val rows = outputs.values.first().size
        g.writeStartObject()
        if (format == RequestFormat.ROW) {
            g.writeArrayFieldStart("predictions")
            for (r in 0 until rows) {
                if (specs.size == 1) {
                    row(g, specs[0], outputs.getValue(specs[0].name)[r])
                } else {
                    g.writeStartObject()
                    for (s in specs) {
                        g.writeFieldName(s.name)
                        row(g, s, outputs.getValue(s.name)[r])
                    }
                    g.writeEndObject()
                }
            }
            g.writeEndArray()
        } else if (specs.size == 1) {
            g.writeArrayFieldStart("outputs")
            outputs.getValue(specs[0].name).forEach { row(g, specs[0], it) }
            g.writeEndArray()
        } else {
            g.writeObjectFieldStart("outputs")
            for (s in specs) {
                g.writeArrayFieldStart(s.name)
                outputs.getValue(s.name).forEach { row(g, s, it) }
                g.writeEndArray()
            }
            g.writeEndObject()
        }
        g.writeEndObject()
    }

    /** One row as nested lists of the output's shape. */
    private fun row(g: JsonGenerator, spec: TensorSpec, values: FloatArray) {
        val shape = spec.shape()
        var at = 0
        fun nest(depth: Int) {
            g.writeStartArray()
            if (depth == shape.size - 1) {
                repeat(shape[depth]) { g.writeNumber(values[at++]) }
            } else {
                repeat(shape[depth]) { nest(depth + 1) }
            }
            g.writeEndArray()
        }
        if (shape.isEmpty()) g.writeNumber(values[0]) else nest(0)
    }

    /** `GET /v1/models/{name}`: version states. */
    fun status(statuses: List<VersionStatus>): ByteArray = json { g ->
        g.writeStartObject()
        g.writeArrayFieldStart("model_version_status")
        for (s in statuses) {
            g.writeStartObject()
            g.writeStringField("version", s.version.toString())
            g.writeStringField("state", s.state.name)
            g.writeObjectFieldStart("status")
            g.writeStringField("error_code", if (s.error == null) "OK" else "UNKNOWN")
            g.writeStringField("error_message", s.error ?: "")
            g.writeEndObject()
            g.writeEndObject()
        }
        g.writeEndArray()
        g.writeEndObject()
    }

    /** `GET /v1/models/{name}/metadata`: the serving_default signature in TF Serving's shape, plus the raw columns. */
    fun metadata(name: String, version: Long, signature: Signature): ByteArray = json { g ->
        g.writeStartObject()
        g.writeObjectFieldStart("model_spec")
        g.writeStringField("name", name)
        g.writeStringField("signature_name", "")
        g.writeStringField("version", version.toString())
        g.writeEndObject()
        g.writeObjectFieldStart("metadata")
        g.writeObjectFieldStart("signature_def")
        g.writeObjectFieldStart("signature_def")
        g.writeObjectFieldStart("serving_default")
        tensors(g, "inputs", signature.inputs())
        tensors(g, "outputs", signature.outputs())
        g.writeStringField("method_name", "tensorflow/serving/predict")
        g.writeArrayFieldStart("raw_columns")
        signature.rawColumns().forEach(g::writeString)
        g.writeEndArray()
        g.writeEndObject()
        g.writeEndObject()
        g.writeEndObject()
        g.writeEndObject()
        g.writeEndObject()
    }

    private fun tensors(g: JsonGenerator, field: String, specs: List<TensorSpec>) {
        g.writeObjectFieldStart(field)
        for (s in specs) {
            g.writeObjectFieldStart(s.name)
            g.writeStringField("dtype", if (s.dtype() == "float64") "DT_DOUBLE" else "DT_FLOAT")
            g.writeObjectFieldStart("tensor_shape")
            g.writeArrayFieldStart("dim")
            (listOf(-1) + s.shape()).forEach { d ->
                g.writeStartObject()
                g.writeStringField("size", d.toString())
                g.writeStringField("name", "")
                g.writeEndObject()
            }
            g.writeEndArray()
            g.writeBooleanField("unknown_rank", false)
            g.writeEndObject()
            g.writeStringField("name", s.name)
            g.writeEndObject()
        }
        g.writeEndObject()
    }

    fun health(ready: Boolean, models: Map<String, Long?>): ByteArray = json { g ->
        g.writeStartObject()
        g.writeStringField("status", if (ready) "ready" else "loading")
        g.writeObjectFieldStart("models")
        models.forEach { (k, v) -> if (v == null) g.writeNullField(k) else g.writeStringField(k, v.toString()) }
        g.writeEndObject()
        g.writeEndObject()
    }
}
