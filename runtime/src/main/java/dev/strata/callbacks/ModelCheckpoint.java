package dev.strata.callbacks;

import dev.strata.io.ModelFile;
import dev.strata.training.Callback;
import dev.strata.training.Trainer;
import java.nio.file.Path;
import java.util.Map;

/**
 * Saves the model after each epoch, or only when {@code monitor} improves. The path may contain
 * {@code {epoch}} (1-based, as Keras prints it).
 */
public final class ModelCheckpoint implements Callback {
    private final String path;
    private final String monitor;
    private final boolean saveBestOnly;
    private final Mode mode;
    private double best;

    public ModelCheckpoint(Path path, String monitor, boolean saveBestOnly) {
        this(path.toString(), monitor, saveBestOnly, Mode.AUTO);
    }

    public ModelCheckpoint(String path, String monitor, boolean saveBestOnly, Mode mode) {
        this.path = path;
        this.monitor = monitor;
        this.saveBestOnly = saveBestOnly;
        this.mode = mode;
    }

    @Override
    public void onTrainBegin(Trainer trainer) {
        best = mode.worst(monitor);
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs, Trainer trainer) {
        if (saveBestOnly) {
            double v = Monitored.read(monitor, logs, "ModelCheckpoint");
            if (!mode.improves(monitor, v, best, 0)) return;
            best = v;
        }
        ModelFile.save(trainer.model(), Path.of(path.replace("{epoch}", Integer.toString(epoch + 1))));
    }
}
