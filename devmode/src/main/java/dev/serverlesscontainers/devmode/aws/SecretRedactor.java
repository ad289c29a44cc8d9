package dev.serverlesscontainers.devmode.aws;

import dev.serverlesscontainers.devmode.runtime.LogSink;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Masks every AWS secret scf-dev knows of (the caller's keys and every temporary credential it was
 * issued) wherever text is about to be printed: its own messages, container log lines (an app that
 * prints its environment), the control plane. Values stay known after they are replaced, since old
 * log lines may still carry them.
 */
public final class SecretRedactor {
    /** What a secret is replaced with. */
    public static final String MASK = "****";

    /** Shorter values are not treated as secrets: masking them would mangle ordinary text. */
    static final int MIN_SECRET_LENGTH = 8;

    private final Set<String> secrets = ConcurrentHashMap.newKeySet();
    private volatile List<String> longestFirst = List.of();

    /** Remembers a value to mask from now on; null, blank and short values are ignored. */
    void register(String secret) {
        if (secret == null || secret.isBlank() || secret.length() < MIN_SECRET_LENGTH) {
            return;
        }
        if (secrets.add(secret)) {
            // longest first, so that a secret containing another is masked whole
            longestFirst = secrets.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
        }
    }

    /** {@code text} with every known secret replaced by {@value #MASK}; null stays null. */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String secret : longestFirst) {
            if (result.contains(secret)) {
                result = result.replace(secret, MASK);
            }
        }
        return result;
    }

    /** A sink that masks secrets in every line before passing it on. */
    public LogSink redacting(LogSink sink) {
        return (container, instanceId, stream, text) -> sink.line(container, instanceId, stream, redact(text));
    }

    /** A reporter that masks secrets in every message before passing it on. */
    public AwsReporter redacting(AwsReporter reporter) {
        return (severity, message) -> reporter.report(severity, redact(message));
    }

    /** How many values are known, for tests and status. */
    int size() {
        return secrets.size();
    }

    @Override
    public String toString() {
        return "SecretRedactor[" + secrets.size() + " values known]";
    }
}
