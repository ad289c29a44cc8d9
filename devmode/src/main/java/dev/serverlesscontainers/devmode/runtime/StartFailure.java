package dev.serverlesscontainers.devmode.runtime;

import java.util.List;

/**
 * An instance that could not be started. The message is for the user: what failed and what to do
 * (set {@code dev.command}, fix the Dockerfile step it names); {@link #output()} holds the last lines
 * the failed step printed.
 */
public final class StartFailure extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<String> output;

    public StartFailure(String message, List<String> output) {
        super(message, null, false, false);
        this.output = List.copyOf(output);
    }

    public StartFailure(String message) {
        this(message, List.of());
    }

    public List<String> output() {
        return output;
    }
}
