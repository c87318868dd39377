package dev.strata.bench;

/**
 * One library in the comparison. A contender turns a task's plain-array data into a freshly initialised
 * model plus the data in the library's own form; everything it does in {@link #prepare} is outside the
 * timed region. To add a library, implement this interface in one class and register it in {@link Main}.
 */
public interface Contender {

    /** Short name for the report, e.g. "DL4J" or "Strata". */
    String name();

    /** Whether this contender implements {@code task}; unsupported tasks are reported as n/a. */
    default boolean supports(Task task) {
        return true;
    }

    /**
     * Builds the task's model (Xavier init, fp32, the optimizer of {@link Task}) seeded with {@code seed},
     * and converts {@code data} into ready-made minibatches of {@code data.task().batchSize()} rows, in row
     * order, the last one holding the remainder. No shuffling: every contender sees the same batches.
     */
    Trainable prepare(TaskData data, long seed);
}
