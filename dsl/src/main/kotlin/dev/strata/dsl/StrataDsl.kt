package dev.strata.dsl

/**
 * Marks Strata's builder scopes ([SequentialScope], [ModelScope]).
 *
 * Inside nested scopes only the innermost scope's functions are callable without a receiver, so
 * `model { val x = input("x", 4); sequential { output("y", x) } }` does not compile: `output`
 * belongs to the outer model, not to the sequential stack being declared.
 */
@DslMarker
@Target(AnnotationTarget.CLASS, AnnotationTarget.TYPE)
annotation class StrataDsl
