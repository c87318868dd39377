package dev.strata.serve

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.StringSpec
import io.kotest.matchers.shouldBe
import java.nio.file.Files

class ModelConfigFileSpec : StringSpec({
    "reads TF Serving's model_config_list, relative base paths against the file's folder" {
        val dir = Files.createTempDirectory("strata-config")
        val file = dir.resolve("models.config")
        Files.writeString(file, """
            model_config_list {
              config { name: "plant" base_path: "models/plant" model_platform: "strata" }
              config {
                name: "digits"
                base_path: "/srv/digits"
              }
            }
        """.trimIndent())
        ModelConfigFile.parse(file) shouldBe listOf(
            ModelSource("plant", dir.resolve("models/plant")),
            ModelSource("digits", java.nio.file.Path.of("/srv/digits")),
        )
    }
    "a block without base_path names the file and line" {
        val file = Files.createTempFile("strata-config", ".config")
        Files.writeString(file, "model_config_list {\n  config { name: \"plant\" }\n}\n")
        shouldThrow<IllegalArgumentException> { ModelConfigFile.parse(file) }.message shouldBe
            "$file:2: config 'plant' has no base_path: \"…\""
    }
})
