/**
 * Serving: {@link dev.strata.serving.Predictor}, a thread-safe, ND4J-free face of a trained model
 * for services (Java arrays and maps in and out), with optional dynamic batching.
 */
package dev.strata.serving;
