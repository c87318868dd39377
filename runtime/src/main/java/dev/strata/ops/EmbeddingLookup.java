package dev.strata.ops;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Rows of a table looked up by integer ids: table (vocabulary, dim) and ids (batch, ...) give
 * (batch, ..., dim). Ids are given as numbers and must be whole numbers in [0, vocabulary); the
 * gradient flows to the table only (rows used several times accumulate).
 */
final class EmbeddingLookup implements Kernel {
    @Override public String name() { return "embedding"; }

    @Override
    public int[] outputShape(int[][] in) {
        int[] table = in[0], ids = in[1];
        if (table.length != 2 || table[0] < 0) {
            throw new IllegalArgumentException("embedding: the table must be (vocabulary, dim), got " + Shapes.show(table));
        }
        int[] out = new int[ids.length + 1];
        System.arraycopy(ids, 0, out, 0, ids.length);
        out[ids.length] = table[1];
        return out;
    }

    /** The ids as a flat int vector, checked against the vocabulary. */
    private static INDArray indices(Node n) {
        INDArray ids = n.in[1];
        INDArray rounded = Transforms.round(ids, true);
        if (!rounded.equalsWithEps(ids, 1e-3)) {
            throw new IllegalArgumentException("embedding: ids must be whole numbers, got " + ids.sub(rounded).amaxNumber() + " off one");
        }
        INDArray idx = rounded.castTo(DataType.INT).reshape(ids.length());
        long vocab = n.in[0].size(0);
        int lo = idx.minNumber().intValue(), hi = idx.maxNumber().intValue();
        if (lo < 0 || hi >= vocab) {
            throw new IllegalArgumentException("embedding: id " + (lo < 0 ? lo : hi) + " is out of range [0, " + vocab + ")");
        }
        return idx;
    }

    @Override
    public void forward(Node n) {
        INDArray idx = indices(n);
        n.state = idx;
        INDArray flat = n.out.reshape('c', idx.length(), n.in[0].size(1));
        Nd.exec("gather", new INDArray[] {n.in[0], idx}, new INDArray[] {flat}, null, new int[] {0});
    }

    @Override
    public void backward(Node n) {
        if (n.gin[1] != null) n.gin[1].assign(0);
        if (n.gin[0] == null) return;
        INDArray idx = (INDArray) n.state;
        INDArray updates = n.grad.reshape('c', idx.length(), n.in[0].size(1));
        n.gin[0].assign(0);
        Nd.exec("scatter_add", new INDArray[] {n.gin[0], idx, updates}, new INDArray[] {n.gin[0]}, null, null);
    }
}
