package dev.strata.training;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-epoch values of the loss and metrics, train and validation, keyed as Keras does:
 * {@code loss}, {@code val_loss}, and for several outputs {@code pe_loss}, {@code val_v_rmse}, …
 */
public final class History {
    private final Map<String, List<Double>> values = new LinkedHashMap<>();
    private final List<Integer> epochNumbers = new ArrayList<>();

    /** Records one epoch's logs (the training loop does; so can loops outside it, such as distributed ones). */
    public void append(int epoch, Map<String, Double> epochLogs) {
        epochNumbers.add(epoch);
        epochLogs.forEach((k, v) -> values.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
    }

    /** The 0-based index of each recorded epoch, as Keras's {@code history.epoch}: [2, 3] after {@code fit(epochs = 4, initialEpoch = 2)}. */
    public List<Integer> epochIndices() {
        return Collections.unmodifiableList(epochNumbers);
    }

    /** All series. */
    public Map<String, List<Double>> values() {
        return Collections.unmodifiableMap(values);
    }

    /** One series; throws naming the known keys if absent. */
    public List<Double> get(String key) {
        List<Double> v = values.get(key);
        if (v == null) throw new IllegalArgumentException("no history for '" + key + "'; keys are " + values.keySet());
        return Collections.unmodifiableList(v);
    }

    /** The last value of a series. */
    public double last(String key) {
        List<Double> v = get(key);
        return v.get(v.size() - 1);
    }

    /** Epochs recorded. */
    public int epochs() {
        return values.isEmpty() ? 0 : values.values().iterator().next().size();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
