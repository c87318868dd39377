package dev.strata.viz

import java.io.ByteArrayOutputStream
import java.io.StringReader
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardCopyOption
import org.apache.batik.transcoder.TranscoderInput
import org.apache.batik.transcoder.TranscoderOutput
import org.apache.batik.transcoder.image.PNGTranscoder

/** The picture formats Strata writes; the file's extension chooses. */
enum class PictureFormat { SVG, PNG, GIF, HTML }

/** Writing pictures to disk: format from the extension, always atomically (temp file, then move). */
internal object PictureFile {
    fun formatOf(path: Path, allowed: Set<PictureFormat> = setOf(PictureFormat.SVG, PictureFormat.PNG)): PictureFormat {
        val ext = path.fileName.toString().substringAfterLast('.', "").lowercase()
        val format = PictureFormat.entries.firstOrNull { it.name.lowercase() == ext }
        require(format != null && format in allowed) {
            "picture '$path': expected an extension among ${allowed.map { "." + it.name.lowercase() }}, got '.$ext'"
        }
        return format
    }

    /** Writes [bytes] to a sibling temp file and moves it over [path], so a reader never sees half a file. */
    fun writeAtomically(path: Path, bytes: ByteArray) {
        val target = path.toAbsolutePath()
        target.parent?.let { Files.createDirectories(it) }
        val tmp = Files.createTempFile(target.parent, "." + target.fileName.toString(), ".tmp")
        try {
            Files.write(tmp, bytes)
            // createTempFile makes the file private (rw-------); a picture is as readable as any file the user writes.
            runCatching { Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--")) }
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE)
            } catch (e: java.nio.file.AtomicMoveNotSupportedException) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING)
            }
        } finally {
            Files.deleteIfExists(tmp)
        }
    }

    /** Writes SVG text as .svg, or rasterised by Batik as .png. */
    fun writeSvg(path: Path, svg: String) {
        when (formatOf(path)) {
            PictureFormat.SVG -> writeAtomically(path, svg.toByteArray(Charsets.UTF_8))
            else -> writeAtomically(path, svgToPng(svg))
        }
    }

    fun svgToPng(svg: String): ByteArray {
        Headless.ensure()
        val out = ByteArrayOutputStream()
        PNGTranscoder().transcode(TranscoderInput(StringReader(svg)), TranscoderOutput(out))
        return out.toByteArray()
    }
}
