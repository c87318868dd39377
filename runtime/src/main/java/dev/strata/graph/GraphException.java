package dev.strata.graph;

/** The model graph is malformed: the message names the layer(s) or input(s) and the shapes involved. */
public final class GraphException extends IllegalArgumentException {
    public GraphException(String message) {
        super(message);
    }
}
