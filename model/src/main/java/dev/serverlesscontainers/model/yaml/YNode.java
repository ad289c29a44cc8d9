package dev.serverlesscontainers.model.yaml;

import java.util.List;
import java.util.Map;

/**
 * A YAML node that remembers where it was written. Maps keep the file's key order. Aliases share the
 * anchored node, so a document is a DAG, never expanded into copies.
 */
public sealed interface YNode permits YNode.YMap, YNode.YSeq, YNode.YScalar {

    Location location();

    /** A short description for messages: the scalar's text, or "a map" / "a list". */
    String describe();

    record YEntry(String key, Location keyLocation, YNode value) {}

    record YMap(Location location, Map<String, YEntry> entries) implements YNode {
        public YMap {
            entries = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(entries));
        }

        public YNode get(String key) {
            YEntry e = entries.get(key);
            return e == null ? null : e.value();
        }

        @Override
        public String describe() {
            return "a map";
        }
    }

    record YSeq(Location location, List<YNode> items) implements YNode {
        public YSeq {
            items = List.copyOf(items);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    /**
     * A scalar: {@code value} is a String, Boolean, a Number (Integer, Long, BigInteger, Double,
     * BigDecimal) or null, as YAML typed it (a quoted "123" stays a String).
     */
    record YScalar(Location location, Object value) implements YNode {
        public boolean isNull() {
            return value == null;
        }

        public String text() {
            return value == null ? "null" : value.toString();
        }

        @Override
        public String describe() {
            if (value == null) {
                return "null";
            }
            String t = value.toString();
            String shown = t.length() > 60 ? t.substring(0, 57) + "..." : t;
            return value instanceof String && (t.isEmpty() || t.isBlank()) ? "\"" + shown + "\"" : shown;
        }
    }
}
