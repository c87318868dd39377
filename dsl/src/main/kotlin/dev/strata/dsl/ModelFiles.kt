package dev.strata.dsl

import dev.strata.model.Model
import java.nio.file.Path

/** Saves architecture, weights and optimizer state to one file; see [Model.save]. */
fun Model.save(path: String) {
    save(Path.of(path))
}

/** Loads a model saved with `save`; it predicts identically and, when compiled with built-in losses, can resume training. */
fun loadModel(path: String): Model = Model.load(Path.of(path))

/** Loads a model saved with `save`. */
fun loadModel(path: Path): Model = Model.load(path)
