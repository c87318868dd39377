package dev.strata.keras;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One layer entry of a Keras config: its class, name and {@code config} object, with typed readers
 * that name the layer when a field is missing or of the wrong kind.
 */
record KerasLayer(String className, String name, JsonNode config, String file) {
    static KerasLayer of(JsonNode entry, String file) {
        JsonNode config = entry.path("config");
        String name = entry.hasNonNull("name") ? entry.get("name").asText() : config.path("name").asText("");
        return new KerasLayer(entry.path("class_name").asText("?"), name, config, file);
    }

    String where() {
        return file + ": layer '" + name + "' (" + className + ")";
    }

    boolean has(String field) {
        return config.hasNonNull(field);
    }

    int integer(String field) {
        JsonNode n = config.get(field);
        if (n != null && n.isArray() && n.size() == 1) n = n.get(0);
        if (n == null || !n.canConvertToInt()) throw new KerasImportException(where() + ": expected an integer '" + field + "', got " + n);
        return n.asInt();
    }

    int integer(String field, int orElse) {
        return has(field) ? integer(field) : orElse;
    }

    double number(String field, double orElse) {
        JsonNode n = config.get(field);
        if (n == null || n.isNull()) return orElse;
        if (!n.isNumber()) throw new KerasImportException(where() + ": expected a number '" + field + "', got " + n);
        return n.asDouble();
    }

    boolean flag(String field, boolean orElse) {
        JsonNode n = config.get(field);
        return n == null || n.isNull() ? orElse : n.asBoolean();
    }

    String text(String field, String orElse) {
        JsonNode n = config.get(field);
        return n == null || n.isNull() ? orElse : n.asText();
    }

    /** An int list ({@code kernel_size: [3, 3]}); a single number stands for {@code count} copies. */
    int[] ints(String field, int count) {
        JsonNode n = config.get(field);
        if (n == null || n.isNull()) return null;
        if (n.canConvertToInt()) {
            int[] r = new int[count];
            java.util.Arrays.fill(r, n.asInt());
            return r;
        }
        if (!n.isArray()) throw new KerasImportException(where() + ": expected a list '" + field + "', got " + n);
        int[] r = new int[n.size()];
        for (int i = 0; i < r.length; i++) {
            if (!n.get(i).canConvertToInt()) throw new KerasImportException(where() + ": '" + field + "' must hold integers, got " + n);
            r[i] = n.get(i).asInt();
        }
        return r;
    }

    boolean channelsFirst() {
        return "channels_first".equals(text("data_format", "channels_last"));
    }

    KerasImportException unsupported(String what) {
        return new KerasImportException(where() + ": " + what);
    }
}
