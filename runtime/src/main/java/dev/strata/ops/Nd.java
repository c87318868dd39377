package dev.strata.ops;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/** Small helpers over ND4J calls shared by kernels. */
final class Nd {
    private Nd() {}

    /** Runs a libnd4j custom op by name with the given outputs. */
    static void exec(String op, INDArray[] in, INDArray[] out, double[] tArgs, int[] iArgs) {
        DynamicCustomOp.DynamicCustomOpsBuilder b = DynamicCustomOp.builder(op).addInputs(in).addOutputs(out);
        if (tArgs != null && tArgs.length > 0) b.addFloatingPointArguments(box(tArgs));
        // One call with the whole array: a call per value keeps only the last one (STACK-NOTES).
        if (iArgs != null && iArgs.length > 0) b.addIntegerArguments(iArgs);
        Nd4j.exec(b.build());
    }

    /** Writes into {@code target} the sum of {@code src} over the axes it was broadcast along. */
    static void sumTo(INDArray src, INDArray target) {
        if (java.util.Arrays.equals(src.shape(), target.shape())) {
            target.assign(src);
            return;
        }
        int sr = src.rank(), tr = target.rank();
        int[] axes = new int[sr];
        int n = 0;
        for (int i = 0; i < sr; i++) {
            int j = i - (sr - tr);
            if (j < 0 || (target.size(j) == 1 && src.size(i) != 1)) axes[n++] = i;
        }
        INDArray reduced = src.sum(java.util.Arrays.copyOf(axes, n));
        target.assign(reduced.reshape('c', target.shape()));
    }

    /** 1 where x &gt; 0, else 0, in x's type. */
    static INDArray positive(INDArray x) {
        return x.gt(0).castTo(x.dataType());
    }

    private static Double[] box(double[] v) {
        Double[] r = new Double[v.length];
        for (int i = 0; i < v.length; i++) r[i] = v[i];
        return r;
    }
}
