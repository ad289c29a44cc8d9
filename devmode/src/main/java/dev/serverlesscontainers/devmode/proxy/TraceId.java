package dev.serverlesscontainers.devmode.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * {@code X-Amzn-Trace-Id} as the ALB sets it. Each field is {@code Field=version-time-id}: version
 * {@code 1}, the epoch time in seconds as 8 hex digits, and a 24-hex-digit identifier. A request
 * without a {@code Root} field gets one; a request with one gets a {@code Self} field inserted in
 * front (or its {@code Self} updated); other fields the client added are kept as they are.
 */
final class TraceId {
    private TraceId() {}

    static final String HEADER = "x-amzn-trace-id";

    static String next(String incoming, long epochSeconds, RandomGenerator random) {
        String id = newId(epochSeconds, random);
        if (incoming == null || incoming.isBlank()) {
            return "Root=" + id;
        }
        List<String> fields = new ArrayList<>();
        boolean hasRoot = false;
        boolean hasSelf = false;
        for (String raw : incoming.split(";")) {
            String field = raw.strip();
            if (field.isEmpty()) {
                continue;
            }
            String name = field.contains("=") ? field.substring(0, field.indexOf('=')).strip() : field;
            if (name.equals("Root")) {
                hasRoot = true;
            }
            if (name.equals("Self")) {
                hasSelf = true;
                field = "Self=" + id;
            }
            fields.add(field);
        }
        if (!hasRoot) {
            fields.add(0, "Root=" + id);
        } else if (!hasSelf) {
            fields.add(0, "Self=" + id);
        }
        return String.join(";", fields);
    }

    /** The value of the {@code Root} field, or empty. */
    static String root(String header) {
        for (String raw : header.split(";")) {
            String field = raw.strip();
            if (field.startsWith("Root=")) {
                return field.substring(5);
            }
        }
        return "";
    }

    static String newId(long epochSeconds, RandomGenerator random) {
        return String.format(Locale.ROOT, "1-%08x-%08x%08x%08x", epochSeconds & 0xffffffffL,
                random.nextInt(), random.nextInt(), random.nextInt());
    }
}
