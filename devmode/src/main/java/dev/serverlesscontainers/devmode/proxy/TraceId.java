package dev.serverlesscontainers.devmode.proxy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
        if (incoming == null || incoming.isBlank()) {
            return field("Root=", epochSeconds, random);
        }
        String id = newId(epochSeconds, random);
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

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);

    static String newId(long epochSeconds, RandomGenerator random) {
        return field("", epochSeconds, random);
    }

    /**
     * {@code prefix} and a new identifier, in one Latin-1 array: by hand rather than String.format or
     * concatenation, as this runs for every request (Formatter was a tenth of the proxy's time).
     */
    private static String field(String prefix, long epochSeconds, RandomGenerator random) {
        int p = prefix.length();
        byte[] id = new byte[p + 2 + 8 + 1 + 24];
        for (int i = 0; i < p; i++) {
            id[i] = (byte) prefix.charAt(i);
        }
        id[p] = '1';
        id[p + 1] = '-';
        hex(id, p + 2, (int) epochSeconds);
        id[p + 10] = '-';
        hex(id, p + 11, random.nextInt());
        hex(id, p + 19, random.nextInt());
        hex(id, p + 27, random.nextInt());
        return new String(id, StandardCharsets.ISO_8859_1);
    }

    /** Writes {@code value} as 8 lower-case hex digits at {@code at}. */
    private static void hex(byte[] into, int at, int value) {
        for (int i = 7; i >= 0; i--) {
            into[at + i] = HEX[value & 0xf];
            value >>>= 4;
        }
    }
}
