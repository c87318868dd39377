/**
 * Strata's tensor operations: the only package that talks to ND4J.
 *
 * <p>Everything above this package (layers, losses, metrics, optimizers, the Kotlin DSL) speaks
 * {@link dev.strata.ops.Tensor} for data and {@link dev.strata.ops.Expr} for differentiable
 * computations. An {@link dev.strata.ops.Plan} compiles a set of expressions into an ordered list
 * of kernels with buffers allocated once per batch size, runs them forward, and runs their
 * backward rules in reverse. A new ND4J release or another backend changes this package only.
 */
package dev.strata.ops;
