package dev.strata.data;

/**
 * Images read from an IDX file: {@code count} images of {@code rows × columns} unsigned-byte
 * pixels. The bytes are kept as read (60,000 MNIST images take 47 MB, not the 188 MB of floats);
 * the {@code float} views are built on request, whole or by a batch of indices.
 */
public final class IdxImages {
    private final byte[] pixels;
    private final int count;
    private final int rows;
    private final int columns;

    /** Takes ownership of {@code pixels}, which holds {@code count × rows × columns} bytes, image after image. */
    IdxImages(byte[] pixels, int count, int rows, int columns) {
        if ((long) count * rows * columns != pixels.length) {
            throw new IllegalArgumentException(pixels.length + " pixel bytes for " + count + " images of "
                    + rows + "x" + columns);
        }
        this.pixels = pixels;
        this.count = count;
        this.rows = rows;
        this.columns = columns;
    }

    /** @return the number of images */
    public int count() {
        return count;
    }

    /** @return the height of an image in pixels */
    public int rows() {
        return rows;
    }

    /** @return the width of an image in pixels */
    public int columns() {
        return columns;
    }

    /** @return {@code rows × columns} */
    public int pixelsPerImage() {
        return rows * columns;
    }

    /** @return the pixel value, 0 to 255 */
    public int pixel(int image, int row, int column) {
        checkImage(image);
        if (row < 0 || row >= rows || column < 0 || column >= columns) {
            throw new IndexOutOfBoundsException("pixel (" + row + ", " + column + ") outside " + rows + "x" + columns);
        }
        return Byte.toUnsignedInt(pixels[image * pixelsPerImage() + row * columns + column]);
    }

    /**
     * @param scaleToUnit divide by 255 so pixels lie in [0, 1]; otherwise 0 to 255
     * @return every image, flattened: {@code count × rows × columns} floats, image after image, row-major
     */
    public float[] toFloat(boolean scaleToUnit) {
        float[] out = new float[pixels.length];
        convert(0, pixels.length, out, 0, scaleToUnit);
        return out;
    }

    /**
     * @param scaleToUnit divide by 255 so pixels lie in [0, 1]
     * @return one row per image, {@code rows × columns} floats each
     */
    public float[][] toMatrix(boolean scaleToUnit) {
        float[][] out = new float[count][pixelsPerImage()];
        for (int i = 0; i < count; i++) {
            convert(i * pixelsPerImage(), pixelsPerImage(), out[i], 0, scaleToUnit);
        }
        return out;
    }

    /**
     * Gathers a batch, e.g. a shuffled mini-batch.
     *
     * @param indices images to take, in this order
     * @param scaleToUnit divide by 255 so pixels lie in [0, 1]
     * @return {@code indices.length × rows × columns} floats, image after image
     */
    public float[] images(int[] indices, boolean scaleToUnit) {
        int size = pixelsPerImage();
        float[] out = new float[indices.length * size];
        for (int i = 0; i < indices.length; i++) {
            checkImage(indices[i]);
            convert(indices[i] * size, size, out, i * size, scaleToUnit);
        }
        return out;
    }

    @Override
    public String toString() {
        return "IdxImages[" + count + " x " + rows + "x" + columns + "]";
    }

    private void convert(int from, int length, float[] out, int at, boolean scaleToUnit) {
        for (int i = 0; i < length; i++) {
            int value = Byte.toUnsignedInt(pixels[from + i]);
            // Divide rather than multiply by 1/255f, so that 255 maps to exactly 1.0f.
            out[at + i] = scaleToUnit ? value / 255f : value;
        }
    }

    private void checkImage(int image) {
        if (image < 0 || image >= count) {
            throw new IndexOutOfBoundsException("image " + image + " outside [0, " + count + ")");
        }
    }
}
