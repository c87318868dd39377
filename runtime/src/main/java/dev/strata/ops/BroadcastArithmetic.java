package dev.strata.ops;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Element-wise binary arithmetic with numpy broadcasting. */
final class BroadcastArithmetic implements Kernel {
    enum Kind {
        ADD("add"), SUB("subtract"), MUL("multiply"), DIV("divide"), MAX("maximum"), MIN("minimum");
        final String op;
        Kind(String op) { this.op = op; }
    }

    private final Kind kind;

    BroadcastArithmetic(Kind kind) {
        this.kind = kind;
    }

    @Override public String name() { return kind.op; }

    @Override
    public int[] outputShape(int[][] in) {
        return Shapes.broadcast(kind.op, in[0], in[1]);
    }

    @Override
    public void forward(Node n) {
        Nd.exec(kind.op, new INDArray[] {n.in[0], n.in[1]}, new INDArray[] {n.out}, null, null);
    }

    @Override
    public void backward(Node n) {
        INDArray x = n.in[0], y = n.in[1], g = n.grad;
        INDArray gx = n.gin[0], gy = n.gin[1];
        switch (kind) {
            case ADD -> {
                if (gx != null) Nd.sumTo(g, gx);
                if (gy != null) Nd.sumTo(g, gy);
            }
            case SUB -> {
                if (gx != null) Nd.sumTo(g, gx);
                if (gy != null) Nd.sumTo(g.neg(), gy);
            }
            case MUL -> {
                if (gx != null) Nd.sumTo(g.mul(y), gx);
                if (gy != null) Nd.sumTo(g.mul(x), gy);
            }
            case DIV -> {
                if (gx != null) Nd.sumTo(g.div(y), gx);
                if (gy != null) Nd.sumTo(g.mul(n.out).div(y).negi(), gy);
            }
            case MAX, MIN -> {
                INDArray diff = n.out.ulike();
                Nd.exec("subtract", new INDArray[] {x, y}, new INDArray[] {diff}, null, null);
                INDArray pick = (kind == Kind.MAX ? diff.gte(0) : diff.lte(0)).castTo(g.dataType());
                if (gx != null) Nd.sumTo(g.mul(pick), gx);
                if (gy != null) Nd.sumTo(g.mul(pick.rsub(1)), gy);
            }
        }
    }
}
