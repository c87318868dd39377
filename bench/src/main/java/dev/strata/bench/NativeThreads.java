package dev.strata.bench;

import org.nd4j.linalg.factory.Nd4j;

/**
 * The native thread pools' sizes (OpenBLAS's, and libnd4j's OpenMP), set for the duration of a call so
 * that one JVM can time a model at the default thread count and at one thread, epoch by epoch.
 */
final class NativeThreads {
    private NativeThreads() {}

    /** Runs {@code body} with both pools at one thread, then restores their sizes. */
    static <T> T single(java.util.function.Supplier<T> body) {
        int blas = Nd4j.factory().blas().getMaxThreads();
        int omp = Nd4j.getEnvironment().maxThreads();
        int master = Nd4j.getEnvironment().maxMasterThreads();
        Nd4j.factory().blas().setMaxThreads(1);
        Nd4j.getEnvironment().setMaxThreads(1);
        Nd4j.getEnvironment().setMaxMasterThreads(1);
        try {
            return body.get();
        } finally {
            Nd4j.factory().blas().setMaxThreads(blas);
            Nd4j.getEnvironment().setMaxThreads(omp);
            Nd4j.getEnvironment().setMaxMasterThreads(master);
        }
    }

    /**
     * A model whose every epoch runs at one native thread. Predict calls are not switched (resizing the
     * pools costs tens of microseconds, more than some calls), so {@link Main} does not time them.
     */
    record OneThread(Trainable inner) implements Trainable {
        @Override
        public double fitEpoch() {
            return single(inner::fitEpoch);
        }

        @Override
        public float[] predict(float[] row) {
            return inner.predict(row);
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
