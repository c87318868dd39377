package dev.strata.serve

/** A request the server answers with [status] and TF Serving's `{"error": message}`; [model] tags its metrics. */
class ApiException(val status: Int, message: String, val model: String? = null) : RuntimeException(message) {
    /** The same error, counted under [name]. */
    fun withModel(name: String): ApiException = if (model != null) this else ApiException(status, message!!, name)
}
