package dev.strata.spark.training;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

/**
 * Floats as text for {@code BarrierTaskContext.allGather}, which passes Strings: Base64 of the
 * little-endian IEEE bytes, a few doubles of header first. 4/3 bytes of text per byte, exact.
 */
final class FloatCodec {
    private FloatCodec() {
    }

    static String encode(double[] header, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(4 + 8 * header.length + 4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(header.length);
        for (double h : header) b.putDouble(h);
        b.asFloatBuffer().put(values);
        return Base64.getEncoder().encodeToString(b.array());
    }

    /** Decodes into {@code values} (which must have the encoded length) and returns the header. */
    static double[] decode(String text, float[] values) {
        ByteBuffer b = ByteBuffer.wrap(Base64.getDecoder().decode(text)).order(ByteOrder.LITTLE_ENDIAN);
        double[] header = new double[b.getInt()];
        for (int i = 0; i < header.length; i++) header[i] = b.getDouble();
        if (b.remaining() != 4 * values.length) {
            throw new IllegalStateException("replica message holds " + b.remaining() / 4 + " values, expected " + values.length
                    + ": replicas run different models");
        }
        b.asFloatBuffer().get(values);
        return header;
    }
}
