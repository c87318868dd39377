package dev.strata.dsl

/** The Strata release this DSL belongs to; the `strata --version` output and the compiled-script cache key use it. */
const val STRATA_VERSION = "0.1.0"
