package dev.strata.callbacks;

import java.util.Map;

/** Reads a monitored value from epoch logs, failing with the available keys when it is absent. */
final class Monitored {
    private Monitored() {}

    static double read(String monitor, Map<String, Double> logs, String who) {
        Double v = logs.get(monitor);
        if (v == null) {
            throw new IllegalArgumentException(who + " monitors '" + monitor + "', which is not in the epoch logs " + logs.keySet());
        }
        return v;
    }
}
