package dev.serverlesscontainers.devmode.logs;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A structured (JSON) log line as a person reads it: on one line, the level and the message first,
 * then the other fields as {@code key=value}, in the order the app wrote them:
 * <pre>
 * {"level":"info","msg":"GET /health 200","ms":3}   ->   INFO  GET /health 200 ms=3
 * </pre>
 * A string field of several lines (a stack trace) follows on lines of its own. Anything that is not
 * a JSON object is not touched.
 */
final class JsonLogLine {
    private JsonLogLine() {}

    /** The field names loggers put the level under: pino, winston, bunyan, structlog, logging's JSON formatters, ECS, GCP. */
    private static final List<String> LEVEL_KEYS = List.of("level", "lvl", "severity", "levelname", "log.level", "loglevel");
    private static final List<String> MESSAGE_KEYS = List.of("msg", "message", "event");
    /** A value that can go unquoted: no spaces, quotes or '=' that would make key=value ambiguous. */
    private static final Pattern PLAIN = Pattern.compile("[^\\s\"'=]+");
    static final String RED = "\u001b[31m";
    static final String YELLOW = "\u001b[33m";

    /** The lines to print for {@code text}: one line, plus one per line of a multi-line field; empty when it is not a JSON object. */
    static Optional<List<String>> render(String text, boolean colour) {
        String t = text.strip();
        if (t.length() < 2 || t.charAt(0) != '{' || t.charAt(t.length() - 1) != '}') {
            return Optional.empty();
        }
        JsonObject json;
        try {
            json = new JsonObject(t);
        } catch (DecodeException | ClassCastException e) {
            return Optional.empty();
        }
        Map<String, Object> fields = new LinkedHashMap<>(json.getMap());
        StringBuilder line = new StringBuilder();
        take(fields, LEVEL_KEYS).ifPresent(level -> line.append(level(level, colour)).append(' '));
        take(fields, MESSAGE_KEYS).filter(m -> m instanceof String).ifPresent(m -> line.append(m.toString().strip()).append(' '));
        List<String> after = new ArrayList<>();
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            Object v = e.getValue();
            if (v instanceof String s && s.strip().contains("\n")) {
                after.add("  " + e.getKey() + ":");
                s.strip().lines().forEach(l -> after.add("    " + l));
                continue;
            }
            String key = colour ? Ansi.DIM + e.getKey() + "=" + Ansi.RESET : e.getKey() + "=";
            line.append(key).append(value(v)).append(' ');
        }
        List<String> lines = new ArrayList<>();
        lines.add(line.toString().stripTrailing());
        lines.addAll(after);
        return Optional.of(lines);
    }

    private static Optional<Object> take(Map<String, Object> fields, List<String> keys) {
        for (String k : keys) {
            for (String present : fields.keySet()) {
                if (present.equalsIgnoreCase(k) && fields.get(present) != null) {
                    return Optional.of(fields.remove(present));
                }
            }
        }
        return Optional.empty();
    }

    /** {@code INFO }, {@code WARN }, {@code ERROR}: five wide, so messages line up; pino's numbers become names. */
    static String level(Object level, boolean colour) {
        String name = level instanceof Number n ? pinoLevel(n.intValue()) : level.toString().toUpperCase(Locale.ROOT);
        if (name.equals("WARNING")) {
            name = "WARN";
        }
        String padded = name.length() >= 5 ? name : name + " ".repeat(5 - name.length());
        if (!colour) {
            return padded;
        }
        if (name.equals("ERROR") || name.equals("FATAL") || name.equals("CRITICAL")) {
            return RED + padded + Ansi.RESET;
        }
        if (name.equals("WARN")) {
            return YELLOW + padded + Ansi.RESET;
        }
        return name.equals("DEBUG") || name.equals("TRACE") ? Ansi.DIM + padded + Ansi.RESET : padded;
    }

    private static String pinoLevel(int n) {
        if (n >= 60) {
            return "FATAL";
        }
        if (n >= 50) {
            return "ERROR";
        }
        if (n >= 40) {
            return "WARN";
        }
        if (n >= 30) {
            return "INFO";
        }
        return n >= 20 ? "DEBUG" : "TRACE";
    }

    private static String value(Object v) {
        if (v instanceof String s) {
            return PLAIN.matcher(s).matches() ? s : Json.encode(s);
        }
        if (v instanceof Map || v instanceof List) {
            return Json.encode(v);
        }
        return String.valueOf(v);
    }
}
