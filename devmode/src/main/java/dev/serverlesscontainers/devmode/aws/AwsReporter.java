package dev.serverlesscontainers.devmode.aws;

import java.io.PrintWriter;

/**
 * Where the AWS part of scf-dev says what it did. Every message has passed through the
 * {@link SecretRedactor} before it gets here. Called from any thread.
 */
@FunctionalInterface
public interface AwsReporter {

    enum Severity {
        /** Shown with {@code --debug} only: which source a setting came from, each request's outcome. */
        DEBUG,
        /** What happened: roles assumed, credentials renewed. */
        INFO,
        /** Containers run without AWS credentials, or they could not be renewed; says why and what to do. */
        WARNING
    }

    void report(Severity severity, String message);

    /** Info to {@code out}, warnings to {@code err} with a {@code warning: } prefix, debug only when asked. */
    static AwsReporter printingTo(PrintWriter out, PrintWriter err, boolean debug) {
        return (severity, message) -> {
            switch (severity) {
                case WARNING -> {
                    err.println("warning: " + message);
                    err.flush();
                }
                case INFO -> {
                    out.println(message);
                    out.flush();
                }
                case DEBUG -> {
                    if (debug) {
                        out.println("debug: " + message);
                        out.flush();
                    }
                }
            }
        };
    }
}
