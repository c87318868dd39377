@file:JvmName("Sources")
@file:JvmMultifileClass

package dev.strata.dsl.data

import dev.strata.data.DataFormatException
import dev.strata.data.IdxImages
import dev.strata.data.IdxReader
import dev.strata.data.RowSource
import java.nio.file.Files
import java.nio.file.NoSuchFileException
import java.nio.file.Path
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow

/** The column of an IDX example holding the image: `rows × columns` floats, row-major. */
const val IMAGE_COLUMN: String = "image"

/** The column of an IDX example holding the label, a number 0 to 255. */
const val LABEL_COLUMN: String = "label"

/**
 * Images and labels from a pair of IDX files (the MNIST format, raw or gzip-compressed), as
 * examples with an [IMAGE_COLUMN] vector and a [LABEL_COLUMN] number. An example's
 * [Example.source] is the image file and the 1-based record.
 *
 * The files are read, and checked, on the first collection and kept for the next ones (one read
 * for all epochs): a truncated or malformed file, or labels not matching the images in number,
 * is a [DataFormatException] naming the file and the first incomplete record.
 *
 * @param scaleToUnit divide pixels by 255 so they lie in [0, 1]; otherwise 0 to 255
 */
@JvmOverloads
fun idxSource(images: Path, labels: Path, scaleToUnit: Boolean = true): Flow<Example> {
    val data = lazy { IdxPair.read(images, labels) }
    return flow {
        val (pixels, classes) = data.value
        val name = images.toString()
        for (i in 0 until pixels.count()) {
            val fields = LinkedHashMap<String, Any>(4)
            fields[IMAGE_COLUMN] = pixels.images(intArrayOf(i), scaleToUnit)
            fields[LABEL_COLUMN] = classes[i].toDouble()
            emit(Example.adopt(fields, RowSource(name, i + 1L), emptyMap()))
        }
    }
}

/**
 * The MNIST training (60,000) or test (10,000) digits from a directory holding the four standard
 * files, gzip-compressed (`train-images-idx3-ubyte.gz`, preferred) or raw; see [idxSource].
 * The project ships them in `samples/data/mnist`; `dev.strata.data.Mnist.load()` downloads them.
 */
@JvmOverloads
fun mnistSource(directory: Path, train: Boolean = true, scaleToUnit: Boolean = true): Flow<Example> {
    val prefix = if (train) "train" else "t10k"
    return idxSource(find(directory, "$prefix-images-idx3-ubyte"), find(directory, "$prefix-labels-idx1-ubyte"), scaleToUnit)
}

/** Images and their labels, checked to match in number. */
private data class IdxPair(val images: IdxImages, val labels: IntArray) {
    companion object {
        fun read(images: Path, labels: Path): IdxPair {
            val pixels = IdxReader.readImages(images)
            val classes = IdxReader.readLabels(labels)
            if (classes.size != pixels.count()) {
                throw DataFormatException(labels.toString(), "${classes.size} labels for the ${pixels.count()} images of $images")
            }
            return IdxPair(pixels, classes)
        }
    }
}

private fun find(directory: Path, name: String): Path {
    val gz = directory.resolve("$name.gz")
    if (Files.exists(gz)) return gz
    val raw = directory.resolve(name)
    if (Files.exists(raw)) return raw
    throw java.io.UncheckedIOException(NoSuchFileException(gz.toString(), null, "MNIST needs $name.gz (or $name) in $directory"))
}
