package dev.strata.ops;

import java.util.Arrays;
import java.util.List;

/**
 * A symbolic, differentiable tensor expression: a node in a computation DAG.
 *
 * <p>Layers, losses, metrics and users build expressions from inputs, parameters and constants
 * with the operations below; a {@link Plan} evaluates them and differentiates them. Shapes are
 * known when an expression is built; {@code -1} on axis 0 stands for the batch size.
 *
 * <pre>{@code
 * Expr x = Expr.input("x", -1, 4);
 * Expr loss = x.matmul(Expr.param(w)).sigmoid().minus(y).square().mean();
 * }</pre>
 */
public final class Expr {
    final Kernel kernel;
    final Expr[] inputs;
    final int[] shape;
    final String label;
    /** Set for parameter reads: the gradient of a plan is reported per parameter. */
    final Parameter parameter;
    /** Set for constants. */
    final Tensor constant;

    Expr(Kernel kernel, Expr[] inputs, int[] shape, String label, Parameter parameter, Tensor constant) {
        this.kernel = kernel;
        this.inputs = inputs;
        this.shape = shape;
        this.label = label;
        this.parameter = parameter;
        this.constant = constant;
    }

    static Expr of(Kernel kernel, Expr... inputs) {
        int[][] shapes = new int[inputs.length][];
        for (int i = 0; i < inputs.length; i++) shapes[i] = inputs[i].shape;
        return new Expr(kernel, inputs, kernel.outputShape(shapes), kernel.name(), null, null);
    }

    // ----- leaves -----

    /** A placeholder fed at run time; use {@code -1} for the batch axis. */
    public static Expr input(String name, int... shape) {
        return new Expr(Kernels.LEAF, new Expr[0], shape.clone(), name, null, null);
    }

    /** Reads a parameter (a trainable or frozen weight). */
    public static Expr param(Parameter p) {
        return new Expr(Kernels.LEAF, new Expr[0], p.shape(), p.name(), p, null);
    }

    /** A constant tensor. */
    public static Expr constant(Tensor value) {
        return new Expr(Kernels.LEAF, new Expr[0], value.shape(), "const", null, value);
    }

    /** A scalar constant. */
    public static Expr constant(double value) {
        return constant(Tensor.scalar(value));
    }

    /** The static shape; {@code -1} on axis 0 for the batch size. */
    public int[] shape() {
        return shape.clone();
    }

    /** Number of axes. */
    public int rank() {
        return shape.length;
    }

    /**
     * The input of this expression when it is a softmax (the logits), otherwise null: activation
     * maximisation takes a softmax output as linear, as keras-vis does.
     */
    public Expr softmaxInput() {
        return kernel instanceof Softmax s && s.name().equals("softmax") ? inputs[0] : null;
    }

    /** The kernel name (for messages) or the leaf's name. */
    public String label() {
        return label;
    }

    // ----- arithmetic (numpy broadcasting) -----

    /** this + other. */
    public Expr plus(Expr other) { return of(new BroadcastArithmetic(BroadcastArithmetic.Kind.ADD), this, other); }
    /** this − other. */
    public Expr minus(Expr other) { return of(new BroadcastArithmetic(BroadcastArithmetic.Kind.SUB), this, other); }
    /** this × other, element-wise. */
    public Expr times(Expr other) { return of(new BroadcastArithmetic(BroadcastArithmetic.Kind.MUL), this, other); }
    /** this ÷ other, element-wise. */
    public Expr div(Expr other) { return of(new BroadcastArithmetic(BroadcastArithmetic.Kind.DIV), this, other); }
    /** Element-wise maximum. */
    public Expr maximum(Expr other) { return of(new BroadcastArithmetic(BroadcastArithmetic.Kind.MAX), this, other); }
    /** Element-wise minimum. */
    public Expr minimum(Expr other) { return of(new BroadcastArithmetic(BroadcastArithmetic.Kind.MIN), this, other); }
    /** this + c. */
    public Expr plus(double c) { return of(Unary.affine(1, c), this); }
    /** this − c. */
    public Expr minus(double c) { return of(Unary.affine(1, -c), this); }
    /** this × c. */
    public Expr times(double c) { return of(Unary.affine(c, 0), this); }
    /** this ÷ c. */
    public Expr div(double c) { return of(Unary.affine(1 / c, 0), this); }
    /** c − this. */
    public Expr rsub(double c) { return of(Unary.affine(-1, c), this); }
    /** −this. */
    public Expr neg() { return of(Unary.affine(-1, 0), this); }
    /** this raised to a constant power. */
    public Expr pow(double p) { return of(Unary.pow(p), this); }
    /** this·weights + bias for a rank-2 input, fused into one kernel (the dense layer's core). */
    public Expr affine(Expr weights, Expr bias) { return of(new Affine(), this, weights, bias); }
    /** Mean squared error of predictions {@code this} against {@code targets}: a fused scalar kernel. */
    public Expr mseLoss(Expr targets) { return of(new LossKernel(LossKernel.Kind.MSE, 0), targets, this); }
    /** Mean absolute error against {@code targets}. */
    public Expr maeLoss(Expr targets) { return of(new LossKernel(LossKernel.Kind.MAE, 0), targets, this); }
    /** Σ½(target − prediction)² over the last axis, averaged over rows. */
    public Expr halfSumSquaresLoss(Expr targets) { return of(new LossKernel(LossKernel.Kind.HALF_SSE, 0), targets, this); }
    /** Huber loss against {@code targets}. */
    public Expr huberLoss(Expr targets, double delta) { return of(new LossKernel(LossKernel.Kind.HUBER, delta), targets, this); }
    /** Binary cross-entropy of probabilities (or logits) {@code this} against {@code targets}. */
    public Expr binaryCrossEntropy(Expr targets, boolean fromLogits) {
        return of(new LossKernel(fromLogits ? LossKernel.Kind.BCE_LOGITS : LossKernel.Kind.BCE, 0), targets, this);
    }
    /** Categorical cross-entropy over the last axis of probabilities (or logits) {@code this} against one-hot {@code targets}. */
    public Expr categoricalCrossEntropy(Expr targets, boolean fromLogits) {
        return of(new LossKernel(fromLogits ? LossKernel.Kind.CCE_LOGITS : LossKernel.Kind.CCE, 0), targets, this);
    }
    /** Matrix product of two rank-2 expressions. */
    public Expr matmul(Expr other) { return of(new MatMul(), this, other); }

    // ----- element-wise functions -----

    public Expr exp() { return of(Unary.of(Unary.Fn.EXP), this); }
    public Expr log() { return of(Unary.of(Unary.Fn.LOG), this); }
    public Expr sqrt() { return of(Unary.of(Unary.Fn.SQRT), this); }
    public Expr abs() { return of(Unary.of(Unary.Fn.ABS), this); }
    public Expr square() { return of(Unary.of(Unary.Fn.SQUARE), this); }
    public Expr sigmoid() { return of(Unary.of(Unary.Fn.SIGMOID), this); }
    public Expr tanh() { return of(Unary.of(Unary.Fn.TANH), this); }
    public Expr relu() { return of(Unary.of(Unary.Fn.RELU), this); }
    public Expr selu() { return of(Unary.of(Unary.Fn.SELU), this); }
    public Expr softplus() { return of(Unary.of(Unary.Fn.SOFTPLUS), this); }
    /** Exponential linear unit. */
    public Expr elu(double alpha) { return of(Unary.withAlpha(Unary.Fn.ELU, alpha), this); }
    /** Leaky rectifier with slope {@code alpha} below zero. */
    public Expr leakyRelu(double alpha) { return of(Unary.withAlpha(Unary.Fn.LEAKY_RELU, alpha), this); }
    /** Keras's general ReLU: {@code x > threshold ? min(x, maxValue) : negativeSlope·(x − threshold)}. */
    public Expr relu(double maxValue, double negativeSlope, double threshold) { return of(new Rectifier(maxValue, negativeSlope, threshold), this); }

    /** Reorders the axes; {@code axes} lists every axis, the batch axis 0 included. */
    public Expr permute(int... axes) { return of(new Permute(axes), this); }

    /** Heaviside step (1 where x &gt; 0): forward only, training through it fails. */
    public Expr step() { return of(Unary.of(Unary.Fn.STEP), this); }
    /** Clips every value into [lo, hi]; the gradient is zero outside. */
    public Expr clip(double lo, double hi) { return of(Unary.clip(lo, hi), this); }
    /** Softmax over the last axis. */
    public Expr softmax() { return of(new Softmax(false), this); }
    /** Log-softmax over the last axis (numerically stable). */
    public Expr logSoftmax() { return of(new Softmax(true), this); }

    // ----- reductions and shapes -----

    /** Sum over all axes: a scalar. */
    public Expr sum() { return of(new Reduce(false, null, false), this); }
    /** Mean over all axes: a scalar. */
    public Expr mean() { return of(new Reduce(true, null, false), this); }
    /** Sum over the given axes (negative counts from the end). */
    public Expr sum(boolean keepDims, int... axes) { return of(new Reduce(false, axes, keepDims), this); }
    /** Mean over the given axes (negative counts from the end). */
    public Expr mean(boolean keepDims, int... axes) { return of(new Reduce(true, axes, keepDims), this); }
    /** The same values in another shape; {@code -1} on axis 0 keeps the batch axis. */
    public Expr reshape(int... shape) { return of(new Reshape(shape), this); }
    /** Concatenation along {@code axis}. */
    public static Expr concat(int axis, List<Expr> parts) { return of(new Concat(axis), parts.toArray(Expr[]::new)); }
    /** Sum of several expressions of one shape. */
    public static Expr sumOf(List<Expr> parts) {
        Expr total = parts.get(0);
        for (int i = 1; i < parts.size(); i++) total = total.plus(parts.get(i));
        return total;
    }
    /** Drops a fraction {@code rate} of values in training, scaling the rest by 1/(1−rate); identity at inference. */
    public Expr dropout(double rate) { return of(new Dropout(rate), this); }
    /** One-hot encoding of integer class labels held in a [batch] or [batch, 1] expression: not differentiable. */
    public Expr oneHot(int classes) { return of(new OneHot(classes), this); }

    // ----- convolution, pooling, normalization (channels-last, as Keras) -----

    /**
     * 2-D convolution of a {@code [batch, height, width, channels]} (NHWC) expression with a
     * {@code [kh, kw, in, out]} kernel; {@code bias} ({@code [out]}) may be null.
     */
    public Expr conv2d(Expr kernel, Expr bias, int[] strides, int[] dilation, Padding padding) {
        Convolution k = new Convolution(2, strides, dilation, padding, bias != null);
        return bias == null ? of(k, this, kernel) : of(k, this, kernel, bias);
    }
    /** 1-D convolution of a {@code [batch, steps, channels]} (NWC) expression with a {@code [k, in, out]} kernel; {@code bias} may be null. */
    public Expr conv1d(Expr kernel, Expr bias, int stride, int dilation, Padding padding) {
        Convolution k = new Convolution(1, new int[] {stride}, new int[] {dilation}, padding, bias != null);
        return bias == null ? of(k, this, kernel) : of(k, this, kernel, bias);
    }
    /** Max pooling of a {@code [batch, height, width, channels]} expression. */
    public Expr maxPool2d(int[] pool, int[] strides, Padding padding) { return of(new Pooling(true, 2, pool, strides, padding), this); }
    /** Average pooling of a {@code [batch, height, width, channels]} expression (padded cells are not counted). */
    public Expr avgPool2d(int[] pool, int[] strides, Padding padding) { return of(new Pooling(false, 2, pool, strides, padding), this); }
    /** Max pooling of a {@code [batch, steps, channels]} expression. */
    public Expr maxPool1d(int pool, int stride, Padding padding) { return of(new Pooling(true, 1, new int[] {pool}, new int[] {stride}, padding), this); }
    /** Average pooling of a {@code [batch, steps, channels]} expression (padded cells are not counted). */
    public Expr avgPool1d(int pool, int stride, Padding padding) { return of(new Pooling(false, 1, new int[] {pool}, new int[] {stride}, padding), this); }
    /**
     * Batch normalization over the last axis. {@code gamma} and {@code beta} may be null (no scale,
     * no offset). In training the batch's statistics are used and {@code movingMean} and
     * {@code movingVariance} (parameters, updated in place) move towards them with {@code momentum};
     * at inference, or when {@code frozen} or gamma and beta are not trainable, the moving ones are used.
     */
    public Expr batchNorm(Expr gamma, Expr beta, Expr movingMean, Expr movingVariance, double momentum, double epsilon, boolean frozen) {
        BatchNorm k = new BatchNorm(gamma != null, beta != null, momentum, epsilon, frozen);
        List<Expr> in = new java.util.ArrayList<>(List.of(this, movingMean, movingVariance));
        if (gamma != null) in.add(gamma);
        if (beta != null) in.add(beta);
        return of(k, in.toArray(Expr[]::new));
    }

    // ----- sequences: slices, time folding, embeddings, recurrent cells -----

    /** Positions [from, to) of {@code axis} (not the batch axis); the axis is kept. */
    public Expr slice(int axis, int from, int to) { return of(new Slice(axis, from, to), this); }
    /** (batch, time, ...) → (batch·time, ...): runs a batch-wise computation on every time step at once. */
    public Expr foldTime() { return of(new TimeFold(0), this); }
    /** The inverse of {@link #foldTime}: (batch·steps, ...) → (batch, steps, ...). */
    public Expr unfoldTime(int steps) { return of(new TimeFold(steps), this); }
    /** Rows of this (vocabulary, dim) table at the integer ids in {@code ids} (batch, ...): (batch, ..., dim). */
    public Expr embeddingLookup(Expr ids) { return of(new EmbeddingLookup(), this, ids); }
    /**
     * Runs a recurrent cell over this (batch, time, features) expression and returns h at every
     * step, (batch, time, units), aligned with the input's steps even when running in reverse; an
     * LSTM appends its final cell state c as one more row, (batch, time + 1, units). {@code bias}
     * may be null; {@code initialStates} are none or (batch, units) each (h, and c for an LSTM).
     */
    public Expr recurrence(Recurrence cell, Expr kernel, Expr recurrentKernel, Expr bias, Expr... initialStates) {
        List<Expr> in = new java.util.ArrayList<>(List.of(this, kernel, recurrentKernel));
        if (bias != null) in.add(bias);
        in.addAll(List.of(initialStates));
        return of(new RecurrentKernel(cell, bias != null, initialStates.length), in.toArray(Expr[]::new));
    }

    @Override
    public String toString() {
        return label + Arrays.toString(shape);
    }
}
