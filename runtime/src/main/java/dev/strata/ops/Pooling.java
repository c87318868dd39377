package dev.strata.ops;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Max and average pooling over 1 or 2 spatial axes, channels-last, on libnd4j's native
 * {@code maxpool2d}/{@code maxpool2d_bp} and {@code avgpool2d}/{@code avgpool2d_bp}.
 *
 * <p>Layouts: 2-D {@code [batch, height, width, channels]} (NHWC), 1-D {@code [batch, steps,
 * channels]} (NWC, run as a 2-D pool of height 1). With {@code same} padding, padded cells never
 * win a max and are left out of an average (Keras's behaviour).
 */
final class Pooling implements Kernel {
    private final boolean max;
    private final int dims;
    private final int[] pool;
    private final int[] strides;
    private final Padding padding;

    Pooling(boolean max, int dims, int[] pool, int[] strides, Padding padding) {
        if (dims != 1 && dims != 2) throw new IllegalArgumentException("pooling: 1 or 2 spatial axes, got " + dims);
        if (pool.length != dims || strides.length != dims) {
            throw new IllegalArgumentException("pooling: expected " + dims + " pool size(s) and stride(s), got "
                    + Arrays.toString(pool) + " and " + Arrays.toString(strides));
        }
        for (int i = 0; i < dims; i++) {
            if (pool[i] < 1 || strides[i] < 1) {
                throw new IllegalArgumentException("pooling: pool sizes and strides must be positive, got "
                        + Arrays.toString(pool) + " and " + Arrays.toString(strides));
            }
        }
        if (padding == Padding.CAUSAL) throw new IllegalArgumentException("pooling: padding must be valid or same, got causal");
        this.max = max;
        this.dims = dims;
        this.pool = pool.clone();
        this.strides = strides.clone();
        this.padding = padding;
    }

    @Override public String name() { return (max ? "max_pool" : "avg_pool") + dims + "d"; }

    @Override
    public int[] outputShape(int[][] in) {
        int[] x = in[0];
        if (x.length != dims + 2) {
            throw new IllegalArgumentException(name() + ": expected input of rank " + (dims + 2) + " "
                    + (dims == 2 ? "(batch, height, width, channels)" : "(batch, steps, channels)") + ", got " + Shapes.show(x));
        }
        int[] out = x.clone();
        for (int i = 0; i < dims; i++) {
            out[i + 1] = padding.outputSize(x[i + 1], pool[i], strides[i], 1);
            if (out[i + 1] <= 0) {
                throw new IllegalArgumentException(name() + ": a pool of " + Arrays.toString(pool) + " does not fit input "
                        + Shapes.show(x) + " with padding '" + padding.label() + "'");
            }
        }
        return out;
    }

    private int[] iArgs() {
        int kh = dims == 2 ? pool[0] : 1, kw = pool[dims - 1];
        int sh = dims == 2 ? strides[0] : 1, sw = strides[dims - 1];
        // kH, kW, sH, sW, pH, pW, dH, dW, paddingMode, extra (avg: 0 = divide by the cells inside the input), 1 = NHWC
        return new int[] {kh, kw, sh, sw, 0, 0, 1, 1, padding.code(), 0, 1};
    }

    /** The 1-D case as NHWC with a height of 1 (a view of the same buffer). */
    private INDArray as2d(INDArray a) {
        return dims == 2 ? a : a.reshape('c', a.size(0), 1, a.size(1), a.size(2));
    }

    @Override
    public void forward(Node n) {
        Nd.exec(max ? "maxpool2d" : "avgpool2d", new INDArray[] {as2d(n.in[0])}, new INDArray[] {as2d(n.out)}, null, iArgs());
    }

    @Override
    public void backward(Node n) {
        if (n.gin[0] == null) return;
        Nd.exec(max ? "maxpool2d_bp" : "avgpool2d_bp", new INDArray[] {as2d(n.in[0]), as2d(n.grad)},
                new INDArray[] {as2d(n.gin[0])}, null, iArgs());
    }
}
