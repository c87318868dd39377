package dev.strata.viz

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit

/** Debian's chromium, headless, for looking at a page the way a user's browser shows it. */
object Browser {
    /** Debian's chromium; `-Dstrata.chromium=PATH` points elsewhere (a missing path shows the skip). */
    private val executable = Path.of(System.getProperty("strata.chromium", "/usr/bin/chromium"))

    /** Why the browser tests cannot run here, or null when they can. */
    val missing: String? =
        if (Files.isExecutable(executable)) null
        else "$executable is not installed (.ci/run installs Debian's chromium with apt-get when it can)"

    /** Screenshots [page] at [width]×[height] into [png]; fails after [timeoutSeconds] rather than hanging the build. */
    fun screenshot(page: Path, png: Path, width: Int = 1200, height: Int = 1600, timeoutSeconds: Long = 90) {
        val profile = Files.createTempDirectory("strata-chromium")
        Files.deleteIfExists(png)
        val log = Files.createTempFile("strata-chromium", ".log")
        val process = ProcessBuilder(
            executable.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
            "--user-data-dir=$profile", "--screenshot=${png.toAbsolutePath()}", "--window-size=$width,$height",
            page.toAbsolutePath().toUri().toString(),
        ).redirectErrorStream(true).redirectOutput(log.toFile()).start()
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                error("chromium did not finish within $timeoutSeconds s; its output: ${Files.readString(log).takeLast(2000)}")
            }
            check(Files.size(png.toAbsolutePath().also { if (!Files.exists(it)) error("chromium wrote no screenshot (exit ${process.exitValue()}): ${Files.readString(log).takeLast(2000)}") }) > 0) { "empty screenshot" }
        } finally {
            process.descendants().forEach { it.destroyForcibly() }
            process.destroyForcibly()
            profile.toFile().deleteRecursively()
            Files.deleteIfExists(log)
        }
    }
}
