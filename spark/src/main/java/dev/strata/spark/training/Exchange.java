package dev.strata.spark.training;

import java.nio.ByteBuffer;
import java.util.Base64;

/**
 * The text messages replicas swap through {@code BarrierTaskContext.allGather}, which carries
 * strings: a row count, a few loss values and a vector (gradients or weights), as Base64 of
 * little-endian floats (float32 models) or doubles (float64 models).
 */
final class Exchange {
    private Exchange() {
    }

    /** Encodes {@code rows}, {@code logs} and {@code vector}. */
    static String encode(int rows, double[] logs, double[] vector, boolean float64) {
        ByteBuffer b = ByteBuffer.allocate(8 + 8 * logs.length + vector.length * (float64 ? 8 : 4)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putInt(rows).putInt(logs.length);
        for (double l : logs) b.putDouble(l);
        if (float64) {
            for (double v : vector) b.putDouble(v);
        } else {
            for (double v : vector) b.putFloat((float) v);
        }
        return Base64.getEncoder().encodeToString(b.array());
    }

    /** One decoded message. */
    record Message(int rows, double[] logs, double[] vector) {
    }

    static Message decode(String text, int length, boolean float64) {
        ByteBuffer b = ByteBuffer.wrap(Base64.getDecoder().decode(text)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int rows = b.getInt();
        double[] logs = new double[b.getInt()];
        for (int i = 0; i < logs.length; i++) logs[i] = b.getDouble();
        double[] v = new double[length];
        if (float64) {
            for (int i = 0; i < length; i++) v[i] = b.getDouble();
        } else {
            for (int i = 0; i < length; i++) v[i] = b.getFloat();
        }
        return new Message(rows, logs, v);
    }
}
