package dev.strata.ops;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Java threads for kernels that split one call's work into independent shares (a recurrent layer's
 * batch rows). The caller always runs the first share itself and, once done, takes back every share
 * no worker has started yet, so a busy pool (another model training, a server's requests) costs at
 * most the caller's own time, never a wait. Workers block when idle; nothing spins.
 */
final class Workers {
    private Workers() {}

    private static final int CORES = Runtime.getRuntime().availableProcessors();

    private static final ExecutorService POOL = Executors.newFixedThreadPool(Math.max(1, CORES - 1), r -> {
        Thread th = new Thread(r, "strata-kernel");
        th.setDaemon(true);
        return th;
    });

    /**
     * How many threads a kernel may use: the machine's cores, capped by the native pools' settings
     * ({@code OMP_NUM_THREADS} at start, or OpenBLAS's thread count set through ND4J later, which
     * libnd4j's own setting does not reflect), so one thread means one thread.
     */
    static int available() {
        int nativeThreads = Math.min(Nd4j.getEnvironment().maxThreads(), Nd4j.factory().blas().getMaxThreads());
        return Math.max(1, Math.min(CORES, nativeThreads));
    }

    /** Runs every share and returns when all are done; the first failure is rethrown. */
    static void run(Runnable... shares) {
        if (shares.length == 1) {
            shares[0].run();
            return;
        }
        @SuppressWarnings("unchecked")
        FutureTask<Void>[] tasks = new FutureTask[shares.length];
        for (int i = 1; i < shares.length; i++) {
            tasks[i] = new FutureTask<>(shares[i], null);
            POOL.execute(tasks[i]);
        }
        Throwable failure = null;
        try {
            shares[0].run();
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        // A FutureTask runs at most once: taking back an unstarted share is a no-op if a worker got it.
        for (int i = 1; i < shares.length; i++) tasks[i].run();
        // Wait for shares a worker is still running, even when interrupted: they write into the caller's buffers.
        boolean interrupted = false;
        for (int i = 1; i < shares.length; i++) {
            while (true) {
                try {
                    tasks[i].get();
                    break;
                } catch (ExecutionException e) {
                    if (failure == null) failure = e.getCause();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        if (failure instanceof RuntimeException re) throw re;
        if (failure instanceof Error er) throw er;
        if (failure != null) throw new IllegalStateException("a kernel share failed", failure);
    }
}
