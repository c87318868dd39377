package dev.strata.keras;

/** A Keras file that cannot be imported: the message names the file, the layer and what was expected. */
public final class KerasImportException extends RuntimeException {
    public KerasImportException(String message) {
        super(message);
    }

    public KerasImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
