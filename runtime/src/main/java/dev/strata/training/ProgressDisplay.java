package dev.strata.training;

import java.util.Map;
import java.util.StringJoiner;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Keras-like progress: a bar per epoch on a terminal (verbose 1), otherwise one line per epoch
 * with the epoch's logs (verbose 2, or verbose 1 when output is redirected).
 */
final class ProgressDisplay implements Callback {
    private final boolean bar;
    private final int totalEpochs;
    private final long batchesPerEpoch;
    private ProgressBar progress;
    private long started;

    ProgressDisplay(int verbose, int totalEpochs, long batchesPerEpoch) {
        this.bar = verbose == 1 && System.console() != null;
        this.totalEpochs = totalEpochs;
        this.batchesPerEpoch = batchesPerEpoch;
    }

    @Override
    public void onEpochBegin(int epoch, Trainer trainer) {
        started = System.nanoTime();
        if (bar) {
            progress = new ProgressBarBuilder().setTaskName("Epoch " + (epoch + 1) + "/" + totalEpochs)
                    .setInitialMax(batchesPerEpoch).setStyle(ProgressBarStyle.ASCII).continuousUpdate()
                    .setConsumer(new ConsoleProgressBarConsumer(System.out)).build();
        }
    }

    @Override
    public void onBatchEnd(int epoch, int batch, Map<String, Double> logs, Trainer trainer) {
        if (progress != null) {
            progress.step();
            progress.setExtraMessage(String.format("loss: %.4f", logs.get("loss")));
        }
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs, Trainer trainer) {
        if (progress != null) {
            progress.close();
            progress = null;
        }
        StringJoiner line = new StringJoiner(" - ");
        line.add("Epoch " + (epoch + 1) + "/" + totalEpochs);
        line.add(String.format("%.1fs", (System.nanoTime() - started) / 1e9));
        logs.forEach((k, v) -> line.add(k + ": " + format(v)));
        System.out.println(line);
    }

    @Override
    public void onTrainEnd(Trainer trainer) {
        if (progress != null) progress.close();
    }

    private static String format(double v) {
        return Math.abs(v) >= 1e-3 || v == 0 ? String.format("%.4f", v) : String.format("%.4e", v);
    }
}
