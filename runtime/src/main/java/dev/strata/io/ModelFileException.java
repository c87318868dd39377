package dev.strata.io;

/** A model file cannot be read or written: the message names the file and what is wrong. */
public final class ModelFileException extends RuntimeException {
    public ModelFileException(String message, Throwable cause) {
        super(message, cause);
    }

    public ModelFileException(String message) {
        super(message);
    }
}
