package dev.strata.ops;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A compiled execution plan: the expressions reachable from some roots in topological order,
 * with output and gradient buffers allocated once per batch size and reused for every step.
 *
 * <p>A plan is not thread-safe: give each thread its own plan (they share parameters, which
 * predictions only read).
 */
public final class Plan {
    private final DType dtype;
    private final List<Node> nodes = new ArrayList<>();
    private final Map<Expr, Node> byExpr = new IdentityHashMap<>();
    private final Map<Parameter, Node> byParameter = new IdentityHashMap<>();
    private final Map<Expr, INDArray> fed = new IdentityHashMap<>();
    private final Map<Long, Buffers> buffersByBatch = new LinkedHashMap<>(4, 0.75f, true);
    private final Map<Expr, BackwardPass> passes = new IdentityHashMap<>();
    private final Map<Expr, BackwardPass> inputOnlyPasses = new IdentityHashMap<>();
    private final PlanRandom random;
    private Buffers current;
    private long batch = -1;
    private boolean training;

    private Plan(List<Expr> roots, DType dtype, long seed) {
        this.dtype = dtype;
        this.random = new PlanRandom(seed);
        for (Expr r : roots) visit(r);
    }

    /** Compiles the expressions needed to compute {@code roots}. */
    public static Plan compile(List<Expr> roots, DType dtype, long seed) {
        return new Plan(roots, dtype, seed);
    }

    /** Compiles with seed 0. */
    public static Plan compile(List<Expr> roots, DType dtype) {
        return compile(roots, dtype, 0L);
    }

    // Iterative post-order DFS: deep graphs (unrolled sequences) must not overflow the stack.
    private void visit(Expr root) {
        if (byExpr.containsKey(root)) return;
        Map<Expr, Boolean> onStack = new IdentityHashMap<>();
        ArrayList<Expr> stack = new ArrayList<>();
        ArrayList<Integer> next = new ArrayList<>();
        stack.add(root);
        next.add(0);
        onStack.put(root, true);
        while (!stack.isEmpty()) {
            int top = stack.size() - 1;
            Expr e = stack.get(top);
            int i = next.get(top);
            if (i < e.inputs.length) {
                next.set(top, i + 1);
                Expr in = e.inputs[i];
                if (!byExpr.containsKey(in) && onStack.putIfAbsent(in, true) == null) {
                    stack.add(in);
                    next.add(0);
                }
            } else {
                stack.remove(top);
                next.remove(top);
                if (e.parameter != null && byParameter.containsKey(e.parameter)) {
                    // Every read of one weight is one node, so its gradients accumulate in one place.
                    byExpr.put(e, byParameter.get(e.parameter));
                    continue;
                }
                Node n = new Node(e, nodes.size());
                n.random = random;
                nodes.add(n);
                byExpr.put(e, n);
                if (e.parameter != null) {
                    if (e.parameter.dtype() != dtype) {
                        throw new IllegalArgumentException("weight '" + e.parameter.name() + "' is " + e.parameter.dtype()
                                + " but the plan computes in " + dtype);
                    }
                    byParameter.putIfAbsent(e.parameter, n);
                }
            }
        }
    }

    /** The precision of this plan. */
    public DType dtype() {
        return dtype;
    }

    /** Parameters read by this plan, in first-use order. */
    public List<Parameter> parameters() {
        return new ArrayList<>(byParameter.keySet());
    }

    /** Restarts the plan's random stream (dropout masks). */
    public void reseed(long seed) {
        random.reseed(seed);
    }

    /**
     * The rule by which every ReLU of this plan passes gradients in later {@link #backward} calls:
     * {@link ReluBackward#STANDARD} (the default) for true gradients, the others for guided and
     * rectified saliency on the same compiled model.
     */
    public void reluBackward(ReluBackward rule) {
        for (Node n : nodes) n.reluRule = rule;
    }

    /** Binds a value to an input placeholder for the next {@link #forward}. */
    public void feed(Expr input, Tensor value) {
        if (input.kernel != Kernels.LEAF || input.parameter != null || input.constant != null) {
            throw new IllegalArgumentException("'" + input.label + "' is not an input placeholder");
        }
        // A placeholder the roots do not depend on (a loss ignoring its targets) needs no value.
        if (!byExpr.containsKey(input)) return;
        int[] want = input.shape;
        int[] got = value.shape();
        boolean ok = want.length == got.length;
        for (int i = 0; ok && i < want.length; i++) ok = want[i] == -1 || want[i] == got[i];
        if (!ok) {
            throw new IllegalArgumentException("input '" + input.label + "': expected shape " + Shapes.show(want)
                    + ", got " + Shapes.show(got));
        }
        INDArray a = value.array;
        if (a.dataType() != dtype.nd4j) a = a.castTo(dtype.nd4j);
        if (a.ordering() != 'c' || a.isView()) a = a.dup('c');
        fed.put(input, a);
    }

    /** Runs every expression forward; {@code training} turns dropout (and similar) on. */
    public void forward(boolean training) {
        this.training = training;
        bind();
        for (Node n : nodes) {
            n.training = training;
            n.expr.kernel.forward(n);
        }
    }

    /** The value of an expression after {@link #forward}, as a copy. */
    public Tensor value(Expr e) {
        return new Tensor(node(e).out.dup('c'));
    }

    /** The value of a one-element expression after {@link #forward}. */
    public double scalar(Expr e) {
        return node(e).out.getDouble(0);
    }

    /**
     * Back-propagates from a scalar expression: afterwards {@link #gradient(Parameter)} holds
     * d(root)/d(weight) for every trainable parameter, and {@link #gradient(Expr)} the gradient for
     * every input listed in {@code inputs}.
     */
    public void backward(Expr root, Expr... inputs) {
        Node r = node(root);
        if (r.out.length() != 1) {
            throw new IllegalArgumentException("backward needs a scalar, '" + root.label + "' has shape " + Shapes.show(root.shape));
        }
        BackwardPass pass = passes.computeIfAbsent(root, k -> new BackwardPass(r, Arrays.asList(inputs), true));
        pass.run();
    }

    /**
     * Back-propagates from a scalar expression to the listed inputs only, skipping every weight
     * gradient (saliency and attribution need no weight gradients): afterwards {@link #gradient(Expr)}
     * holds the gradient of the inputs and of every expression between them and the root; weight
     * gradients are left as they were.
     */
    public void backwardToInputs(Expr root, Expr... inputs) {
        Node r = node(root);
        if (r.out.length() != 1) {
            throw new IllegalArgumentException("backward needs a scalar, '" + root.label + "' has shape " + Shapes.show(root.shape));
        }
        inputOnlyPasses.computeIfAbsent(root, k -> new BackwardPass(r, Arrays.asList(inputs), false)).run();
    }

    /** d(root)/d(p) from the last {@link #backward}, as a copy (zero if p does not reach the root). */
    public Tensor gradient(Parameter p) {
        return new Tensor(gradientBuffer(p).dup('c'));
    }

    /** The gradient with respect to an input listed in the last {@link #backward}, as a copy. */
    public Tensor gradient(Expr input) {
        Node n = node(input);
        if (n.grad == null) throw new IllegalArgumentException("no gradient was computed for '" + input.label + "'");
        return new Tensor(n.grad.dup('c'));
    }

    /** The live gradient buffer of a parameter, valid until the next backward: for optimizers. */
    public Tensor liveGradient(Parameter p) {
        return new Tensor(gradientBuffer(p));
    }

    private INDArray gradientBuffer(Parameter p) {
        Node n = byParameter.get(p);
        if (n == null) throw new IllegalArgumentException("weight '" + p.name() + "' is not used by this plan");
        if (n.grad == null) n.grad = Nd4j.zeros(dtype.nd4j, n.out.shape());
        return n.grad;
    }

    private Node node(Expr e) {
        Node n = byExpr.get(e);
        if (n == null) throw new IllegalArgumentException("'" + e.label + "' is not part of this plan");
        return n;
    }

    /** Binds leaves and switches to the buffers of the current batch size. */
    private void bind() {
        long b = -1;
        Expr first = null;
        for (Map.Entry<Expr, INDArray> f : fed.entrySet()) {
            if (f.getKey().shape.length > 0 && f.getKey().shape[0] == -1) {
                long rows = f.getValue().size(0);
                if (b == -1) {
                    b = rows;
                    first = f.getKey();
                } else if (rows != b) {
                    throw new IllegalArgumentException("input '" + f.getKey().label + "' has " + rows + " rows but '"
                            + first.label + "' has " + b);
                }
            }
        }
        for (Node n : nodes) {
            Expr e = n.expr;
            if (e.kernel != Kernels.LEAF || e.parameter != null || e.constant != null) continue;
            if (!fed.containsKey(e)) throw new IllegalStateException("input '" + e.label + "' was not fed");
        }
        if (b == -1) b = 1;
        if (current == null || b != batch) {
            batch = b;
            current = buffersByBatch.computeIfAbsent(b, Buffers::new);
            if (buffersByBatch.size() > 4) buffersByBatch.remove(buffersByBatch.keySet().iterator().next());
            current.install();
        }
        for (Node n : nodes) {
            Expr e = n.expr;
            if (e.kernel == Kernels.LEAF) {
                if (e.parameter != null) n.out = e.parameter.value;
                else if (e.constant != null) n.out = current.constants.computeIfAbsent(n, k -> e.constant.array.castTo(dtype.nd4j));
                else n.out = fed.get(e);
            }
            for (int i = 0; i < e.inputs.length; i++) n.in[i] = byExpr.get(e.inputs[i]).out;
        }
    }

    /** Output and gradient buffers for one batch size. */
    private final class Buffers {
        final INDArray[] outs = new INDArray[nodes.size()];
        final INDArray[] grads = new INDArray[nodes.size()];
        final Object[] states = new Object[nodes.size()];
        final Map<Node, INDArray> constants = new HashMap<>();

        Buffers(long batchSize) {
            for (Node n : nodes) {
                if (n.expr.kernel != Kernels.LEAF) outs[n.index] = Nd4j.create(dtype.nd4j, Shapes.resolve(n.expr.shape, batchSize));
            }
        }

        void install() {
            for (Node n : nodes) {
                n.out = outs[n.index];
                n.grad = grads[n.index];
                n.state = states[n.index];
                if (n.in == null) n.in = new INDArray[n.expr.inputs.length];
                if (n.gin == null) n.gin = new INDArray[n.expr.inputs.length];
            }
        }

        INDArray grad(Node n) {
            INDArray g = grads[n.index];
            if (g == null) {
                g = Nd4j.create(dtype.nd4j, n.out.shape());
                grads[n.index] = g;
            }
            n.grad = g;
            return g;
        }
    }

    /** The nodes between a scalar root and the leaves that need gradients, in reverse order. */
    private final class BackwardPass {
        final Node root;
        final List<Node> order = new ArrayList<>();
        final boolean[] needs = new boolean[nodes.size()];
        final List<Node> idleParameters = new ArrayList<>();
        final Map<Long, INDArray[]> scratch = new HashMap<>();

        BackwardPass(Node root, List<Expr> inputs, boolean parameters) {
            this.root = root;
            // A node needs a gradient when a wanted leaf feeds it and it feeds the root.
            boolean[] fromLeaf = new boolean[nodes.size()];
            for (Node n : nodes) {
                Expr e = n.expr;
                if (e.kernel == Kernels.LEAF) {
                    fromLeaf[n.index] = (parameters && e.parameter != null && e.parameter.trainable()) || inputs.contains(e);
                } else {
                    for (Expr in : e.inputs) fromLeaf[n.index] |= fromLeaf[byExpr.get(in).index];
                }
            }
            boolean[] toRoot = new boolean[nodes.size()];
            toRoot[root.index] = true;
            for (int i = root.index; i >= 0; i--) {
                Node n = nodes.get(i);
                if (!toRoot[i]) continue;
                for (Expr in : n.expr.inputs) toRoot[byExpr.get(in).index] = true;
            }
            for (int i = root.index; i >= 0; i--) {
                Node n = nodes.get(i);
                needs[i] = fromLeaf[i] && toRoot[i];
                if (needs[i] && n.expr.kernel != Kernels.LEAF) order.add(n);
            }
            for (Parameter p : parameters ? byParameter.keySet() : List.<Parameter>of()) {
                Node pn = byParameter.get(p);
                if (!needs[pn.index]) idleParameters.add(pn);
            }
            for (Expr in : inputs) {
                if (!needs[node(in).index]) idleParameters.add(node(in));
            }
        }

        void run() {
            boolean[] written = new boolean[nodes.size()];
            current.grad(root).putScalar(0, 1.0); // one value: a native assign would cost more than the write
            written[root.index] = true;
            for (Node n : order) {
                if (!written[n.index]) {
                    // Reached only through kernels that gave no gradient: treat as zero.
                    current.grad(n).assign(0);
                    written[n.index] = true;
                }
                Expr[] ins = n.expr.inputs;
                INDArray[] scratchFor = null;
                boolean anyScratch = false;
                for (int i = 0; i < ins.length; i++) {
                    Node m = byExpr.get(ins[i]);
                    if (!needs[m.index]) {
                        n.gin[i] = null;
                    } else if (!written[m.index]) {
                        n.gin[i] = current.grad(m);
                        written[m.index] = true;
                    } else {
                        if (scratchFor == null) scratchFor = scratch(n);
                        if (scratchFor[i] == null || !Arrays.equals(scratchFor[i].shape(), m.out.shape())) {
                            scratchFor[i] = Nd4j.create(dtype.nd4j, m.out.shape());
                        }
                        n.gin[i] = scratchFor[i];
                        anyScratch = true;
                    }
                }
                n.expr.kernel.backward(n);
                if (anyScratch) {
                    for (int i = 0; i < ins.length; i++) {
                        if (n.gin[i] != null && n.gin[i] == scratchFor[i]) byExpr.get(ins[i]).grad.addi(scratchFor[i]);
                    }
                }
            }
            for (Node idle : idleParameters) {
                if (idle.expr.parameter != null) gradientBuffer(idle.expr.parameter).assign(0);
            }
        }

        private INDArray[] scratch(Node n) {
            return scratch.computeIfAbsent(((long) n.index << 32) | batch, k -> new INDArray[n.expr.inputs.length]);
        }
    }
}
