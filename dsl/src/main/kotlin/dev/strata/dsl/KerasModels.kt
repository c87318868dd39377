package dev.strata.dsl

import dev.strata.keras.KerasImport
import dev.strata.model.Model
import java.nio.file.Path

/**
 * Imports a Keras model: a Keras 3 `.keras` zip or a Keras 2 / tf.keras `.h5` file (told apart by
 * their first bytes), compiled when the file's training configuration allows. Nothing in the file
 * is executed. `inputShapes` fixes inputs Keras left variable (`(None, None, 8)` sequences).
 */
fun importKeras(path: Path, inputShapes: Map<String, IntArray> = emptyMap()): Model = KerasImport.load(path, inputShapes)

/** [importKeras] by path string. */
fun importKeras(path: String, inputShapes: Map<String, IntArray> = emptyMap()): Model = importKeras(Path.of(path), inputShapes)

/** A Keras JSON architecture (`model.to_json()`) with its weights-only `.h5`. */
fun importKeras(architectureJson: Path, weightsH5: Path): Model = KerasImport.load(architectureJson, weightsH5)
