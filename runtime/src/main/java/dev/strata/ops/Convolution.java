package dev.strata.ops;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * 1-D and 2-D convolution, channels-last (Keras's {@code channels_last}), on libnd4j's native
 * {@code conv1d}/{@code conv1d_bp} and {@code conv2d}/{@code conv2d_bp}.
 *
 * <p>Layouts: 2-D input {@code [batch, height, width, channels]} (NHWC), kernel
 * {@code [kh, kw, in, out]}, output {@code [batch, outHeight, outWidth, out]}; 1-D input
 * {@code [batch, steps, channels]} (NWC), kernel {@code [k, in, out]}, output
 * {@code [batch, outSteps, out]}. The optional bias has shape {@code [out]}. These are Keras's
 * layouts, so Keras weights load unchanged.
 */
final class Convolution implements Kernel {
    private final int dims;
    private final int[] strides;
    private final int[] dilation;
    private final Padding padding;
    private final boolean bias;

    Convolution(int dims, int[] strides, int[] dilation, Padding padding, boolean bias) {
        if (dims != 1 && dims != 2) throw new IllegalArgumentException("convolution: 1 or 2 spatial axes, got " + dims);
        if (strides.length != dims || dilation.length != dims) {
            throw new IllegalArgumentException("conv" + dims + "d: expected " + dims + " stride(s) and dilation(s), got "
                    + Arrays.toString(strides) + " and " + Arrays.toString(dilation));
        }
        for (int i = 0; i < dims; i++) {
            if (strides[i] < 1 || dilation[i] < 1) {
                throw new IllegalArgumentException("conv" + dims + "d: strides and dilation must be positive, got "
                        + Arrays.toString(strides) + " and " + Arrays.toString(dilation));
            }
        }
        if (padding == Padding.CAUSAL && dims != 1) throw new IllegalArgumentException("conv2d: causal padding exists for conv1d only");
        this.dims = dims;
        this.strides = strides.clone();
        this.dilation = dilation.clone();
        this.padding = padding;
        this.bias = bias;
    }

    @Override public String name() { return "conv" + dims + "d"; }

    @Override
    public int[] outputShape(int[][] in) {
        int[] x = in[0], w = in[1];
        String layout = dims == 2 ? "(batch, height, width, channels)" : "(batch, steps, channels)";
        String wLayout = dims == 2 ? "(kh, kw, in, out)" : "(k, in, out)";
        if (x.length != dims + 2) {
            throw new IllegalArgumentException(name() + ": expected input of rank " + (dims + 2) + " " + layout + ", got " + Shapes.show(x));
        }
        if (w.length != dims + 2) {
            throw new IllegalArgumentException(name() + ": expected a kernel of rank " + (dims + 2) + " " + wLayout + ", got " + Shapes.show(w));
        }
        if (x[dims + 1] != w[dims]) {
            throw new IllegalArgumentException(name() + ": input " + Shapes.show(x) + " has " + x[dims + 1]
                    + " channels but the kernel " + Shapes.show(w) + " expects " + w[dims]);
        }
        if (bias && (in[2].length != 1 || in[2][0] != w[dims + 1])) {
            throw new IllegalArgumentException(name() + ": bias " + Shapes.show(in[2]) + " does not match " + w[dims + 1] + " filters");
        }
        int[] out = new int[dims + 2];
        out[0] = x[0];
        for (int i = 0; i < dims; i++) {
            out[i + 1] = padding.outputSize(x[i + 1], w[i], strides[i], dilation[i]);
            if (out[i + 1] <= 0) {
                throw new IllegalArgumentException(name() + ": a window of " + w[i] + " (dilation " + dilation[i]
                        + ") does not fit input " + Shapes.show(x) + " with padding '" + padding.label() + "'");
            }
        }
        out[dims + 1] = w[dims + 1];
        return out;
    }

    private int[] iArgs(INDArray w) {
        if (dims == 2) {
            // kH, kW, sH, sW, pH, pW, dH, dW, paddingMode, dataFormat (1 = NHWC), weightFormat (0 = [kH, kW, iC, oC])
            return new int[] {(int) w.size(0), (int) w.size(1), strides[0], strides[1], 0, 0, dilation[0], dilation[1],
                    padding.code(), 1, 0};
        }
        // kW, sW, pW, dW, paddingMode, dataFormat (1 = NWC), weightFormat (0 = [kW, iC, oC])
        return new int[] {(int) w.size(0), strides[0], 0, dilation[0], padding.code(), 1, 0};
    }

    @Override
    public void forward(Node n) {
        INDArray[] in = bias ? new INDArray[] {n.in[0], n.in[1], n.in[2]} : new INDArray[] {n.in[0], n.in[1]};
        run(name(), in, new INDArray[] {n.out}, iArgs(n.in[1]));
    }

    @Override
    public void backward(Node n) {
        int inputs = bias ? 3 : 2;
        if (n.gin[0] == null && n.gin[1] == null && (!bias || n.gin[2] == null)) return;
        INDArray[] in = new INDArray[inputs + 1];
        INDArray[] out = new INDArray[inputs];
        for (int i = 0; i < inputs; i++) {
            in[i] = n.in[i];
            out[i] = n.gin[i] != null ? n.gin[i] : scratch(n, i);
        }
        in[inputs] = n.grad;
        run(name() + "_bp", in, out, iArgs(n.in[1]));
    }

    private static final Object HELPERS_OFF = new Object();

    /**
     * Runs the op. libnd4j's oneDNN helper (used in float32 when the oneDNN natives are loaded)
     * rejects dilated convolutions ("could not create a descriptor for a dilated convolution"), so
     * those run libnd4j's own implementation, with platform helpers switched off for the call. The
     * switch is global: dilated calls are serialized; other threads' ops meanwhile simply skip oneDNN.
     */
    private void run(String op, INDArray[] in, INDArray[] out, int[] iArgs) {
        boolean dilated = false;
        for (int d : dilation) dilated |= d > 1;
        if (!dilated || in[0].dataType() == org.nd4j.linalg.api.buffer.DataType.DOUBLE) {
            Nd.exec(op, in, out, null, iArgs);
            return;
        }
        synchronized (HELPERS_OFF) {
            org.nd4j.linalg.factory.Environment env = org.nd4j.linalg.factory.Nd4j.getEnvironment();
            boolean allowed = env.helpersAllowed();
            env.allowHelpers(false);
            try {
                Nd.exec(op, in, out, null, iArgs);
            } finally {
                env.allowHelpers(allowed);
            }
        }
    }

    /** A buffer for a gradient nobody needs: the native op writes every gradient. */
    private static INDArray scratch(Node n, int i) {
        if (!(n.state instanceof INDArray[] s) || s.length != n.in.length) n.state = new INDArray[n.in.length];
        INDArray[] s = (INDArray[]) n.state;
        if (s[i] == null || !Arrays.equals(s[i].shape(), n.in[i].shape())) s[i] = n.in[i].ulike();
        return s[i];
    }
}
