package dev.strata.bench;

/**
 * The benchmark tasks. Each fixes the architecture, batch size and row count that every
 * {@link Contender} must use, so that samples per second are comparable across libraries.
 *
 * <p>Architectures (all weights Xavier-initialised, fp32):
 * <ul>
 *   <li>T1: 4 → Dense 10 tanh → Dense 1 sigmoid; binary cross-entropy; SGD lr 0.01, momentum 0.9
 *       (DL4J offers only Nesterov momentum; a contender says which kind it uses).</li>
 *   <li>T2: 784 → Dense 256 relu → Dense 128 relu → Dense 10 softmax; categorical cross-entropy; Adam 1e-3.</li>
 *   <li>T3: 28×28×1 → Conv 32 3×3 relu → MaxPool 2 → Conv 64 3×3 relu → MaxPool 2 → Flatten → Dense 10
 *       softmax; categorical cross-entropy; Adam 1e-3. Convolutions are "valid" (no padding), stride 1.</li>
 *   <li>T4: 3 → Dense 10 relu → Dense 10 relu → output A (Dense 1 identity); a branch Dense 10 relu off the
 *       second layer → output B (Dense 1 identity); MSE on both outputs, summed; Adam 1e-3.</li>
 *   <li>T5–T7: sequences of 50 steps × 10 features → LSTM(64) / GRU(64, reset after) / SimpleRNN(64) with
 *       Keras's defaults (tanh, sigmoid gates, last step's output only) → Dense 1 identity; MSE; Adam 1e-3.
 *       A row is one sequence, flattened step by step ({@link #STEPS} × {@link #SEQUENCE_FEATURES}).</li>
 * </ul>
 */
public enum Task {
    T1("4-10-1 tanh/sigmoid, BCE, SGD+momentum", 128, 120_000),
    T2("784-256-128-10 MLP, softmax CE, Adam", 128, 60_000),
    T3("small CNN 28x28x1, softmax CE, Adam", 64, 6_000),
    T4("two-output graph 3-10-10-{1,10-1}, MSE, Adam", 128, 8_000),
    T5("50x10 -> LSTM(64) -> Dense 1, MSE, Adam", 64, 6_400),
    T6("50x10 -> GRU(64, reset_after) -> Dense 1, MSE, Adam", 64, 6_400),
    T7("50x10 -> SimpleRNN(64) -> Dense 1, MSE, Adam", 64, 6_400);

    /** Time steps of a T5–T7 sequence. */
    public static final int STEPS = 50;
    /** Features per step of a T5–T7 sequence. */
    public static final int SEQUENCE_FEATURES = 10;
    /** Units of T5–T7's recurrent layer. */
    public static final int RECURRENT_UNITS = 64;

    /** Adam's learning rate (T2, T3, T4). */
    public static final double ADAM_LEARNING_RATE = 1e-3;
    /** T1's SGD learning rate. */
    public static final double SGD_LEARNING_RATE = 0.01;
    /** T1's momentum coefficient. */
    public static final double SGD_MOMENTUM = 0.9;

    private final String description;
    private final int batchSize;
    private final int rows;

    Task(String description, int batchSize, int rows) {
        this.description = description;
        this.batchSize = batchSize;
        this.rows = rows;
    }

    /** Whether this is a sequence task (T5–T7). */
    public boolean recurrent() {
        return this == T5 || this == T6 || this == T7;
    }

    /** One-line description for the report. */
    public String description() {
        return description;
    }

    /** Rows per minibatch; the last batch of an epoch holds the remainder. */
    public int batchSize() {
        return batchSize;
    }

    /** Rows per epoch. */
    public int rows() {
        return rows;
    }

    /** Minibatches per epoch, counting a final partial batch. */
    public int batchesPerEpoch() {
        return (rows + batchSize - 1) / batchSize;
    }
}
