package dev.serverlesscontainers.model.load;

import dev.serverlesscontainers.model.config.AwsPlaceholder;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesscontainers.model.yaml.YNode;
import dev.serverlesscontainers.model.yaml.YNode.YMap;
import dev.serverlesscontainers.model.yaml.YNode.YScalar;
import dev.serverlesscontainers.model.yaml.YNode.YSeq;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed reads from resolved YAML nodes. Each read that fails records a located problem and returns
 * empty, so binding goes on and every problem is found in one pass. Nodes whose variables failed to
 * resolve are skipped silently (their problem is already recorded).
 */
final class NodeReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    final Problems problems;
    private final VariableResolver resolver;

    NodeReader(Problems problems, VariableResolver resolver) {
        this.problems = problems;
        this.resolver = resolver;
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    boolean unresolved(YNode node) {
        return node != null && resolver.failed(node);
    }

    /**
     * True (and reported) when a value only the deploy knows ({@link AwsPlaceholder}) stands where the
     * model needs the value itself: it decides which resources exist or how they are named. Such
     * values may stand in environment, integrations and policy values, which are passed on as they are.
     */
    boolean deferred(YNode node, String path) {
        if (!(node instanceof YScalar s) || !(s.value() instanceof String text) || !AwsPlaceholder.isIn(text)) {
            return false;
        }
        if (path.matches("^containers\\.[^.]+\\.integrations\\..*")) {
            return false;
        }
        AwsPlaceholder first = AwsPlaceholder.firstIn(text).orElseThrow();
        problems.error(node, path, first.variable() + " is known only when the Pulumi program runs, "
                + "so it can stand only in environment, integrations and compute.awsIam.customPolicy values "
                + (first.kind() == AwsPlaceholder.Kind.PROGRAM_OUTPUT
                        ? "(which containers exist, their compute, routing and sizes must be plain values: they decide which resources exist)"
                        : "(scf-dev resolves it with your AWS credentials)"));
        return true;
    }

    /**
     * The node as a map of the given kind; unknown keys are reported (with a hint). Empty when the
     * node is not a map. {@code containerPath} fills "belongs to" hints.
     */
    Optional<YMap> object(YNode node, String path, ConfigObject kind, String containerPath) {
        // an empty value is an absent one, as for every other reader; requireKey reports it where it is required
        if (node == null || unresolved(node) || isNull(node)) {
            return Optional.empty();
        }
        if (!(node instanceof YMap map)) {
            problems.error(node, path, "expected a map of " + String.join(", ", kind.keys()) + " (got " + node.describe() + ")");
            return Optional.empty();
        }
        for (YNode.YEntry e : map.entries().values()) {
            if (kind == ConfigObject.ROOT && e.key().startsWith(ConfigObject.EXTENSION_PREFIX)) {
                continue;
            }
            if (!kind.keys().contains(e.key())) {
                String hint = Suggestions.forUnknownKey(kind, e.key(), containerPath, kind.keys())
                        .map(h -> "; " + h).orElse("");
                problems.error(e.keyLocation(), join(path, e.key()), "unknown key '" + e.key() + "'" + hint
                        + (hint.isEmpty() ? " (allowed: " + String.join(", ", kind.keys()) + ")" : ""));
            }
        }
        return Optional.of(map);
    }

    /** A map with any keys (environment, args, params): empty when absent or not a map. */
    Optional<YMap> anyMap(YNode node, String path, String what) {
        if (node == null || unresolved(node) || isNull(node)) {
            return Optional.empty();
        }
        if (!(node instanceof YMap map)) {
            problems.error(node, path, "expected a map of " + what + " (got " + node.describe() + ")");
            return Optional.empty();
        }
        return Optional.of(map);
    }

    static boolean isNull(YNode node) {
        return node instanceof YScalar s && s.isNull();
    }

    void requireKey(YMap map, String key, String path, String what) {
        YNode value = map.get(key);
        if (value == null) {
            problems.error(map, path, "missing required key '" + key + "' (" + what + ")");
        } else if (isNull(value)) {
            // an empty value is no value: without this, a required key left empty passed unreported
            problems.error(value, join(path, key), "required, but empty (" + what + ")");
        }
    }

    /** The key's value when it has one to read: null when absent, empty, unresolved or left for later. */
    private YNode given(YMap map, String key, String path) {
        YNode node = map.get(key);
        return node == null || unresolved(node) || isNull(node) || deferred(node, join(path, key)) ? null : node;
    }

    Optional<String> string(YMap map, String key, String path) {
        YNode node = given(map, key, path);
        String p = join(path, key);
        if (node == null) {
            return Optional.empty();
        }
        if (node instanceof YScalar s && (s.value() instanceof String || s.value() instanceof Number || s.value() instanceof Boolean)) {
            return Optional.of(s.text());
        }
        problems.error(node, p, "expected a text value (got " + node.describe() + ")");
        return Optional.empty();
    }

    /** A whole number; also accepts a string holding one, as variables produce. */
    Optional<Long> integer(YMap map, String key, String path) {
        YNode node = given(map, key, path);
        String p = join(path, key);
        if (node == null) {
            return Optional.empty();
        }
        if (node instanceof YScalar s) {
            Object v = s.value();
            if (v instanceof Integer || v instanceof Long) {
                return Optional.of(((Number) v).longValue());
            }
            if (v instanceof BigInteger) {
                problems.error(node, p, "number too large (got " + s.text() + ")");
                return Optional.empty();
            }
            if (v instanceof String str && str.trim().matches("-?\\d{1,18}")) {
                return Optional.of(Long.parseLong(str.trim()));
            }
            if ((v instanceof Double || v instanceof BigDecimal) && ((Number) v).doubleValue() == Math.rint(((Number) v).doubleValue())) {
                return Optional.of(((Number) v).longValue());
            }
        }
        problems.error(node, p, "expected a whole number (got " + node.describe() + ")");
        return Optional.empty();
    }

    /** A whole number within bounds; out of range is reported with the range. */
    Optional<Integer> integerIn(YMap map, String key, String path, long min, long max, String unit) {
        Optional<Long> v = integer(map, key, path);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        if (v.get() < min || v.get() > max) {
            problems.error(map.get(key), join(path, key), "must be between " + min + " and " + max + unit + " (got " + v.get() + ")");
            return Optional.empty();
        }
        return Optional.of(v.get().intValue());
    }

    Optional<Double> number(YMap map, String key, String path) {
        YNode node = given(map, key, path);
        if (node == null) {
            return Optional.empty();
        }
        if (node instanceof YScalar s) {
            if (s.value() instanceof Number n) {
                return Optional.of(n.doubleValue());
            }
            if (s.value() instanceof String str) {
                try {
                    return Optional.of(Double.parseDouble(str.trim()));
                } catch (NumberFormatException ignored) {
                    // reported below
                }
            }
        }
        problems.error(node, join(path, key), "expected a number (got " + node.describe() + ")");
        return Optional.empty();
    }

    Optional<Boolean> bool(YMap map, String key, String path) {
        YNode node = given(map, key, path);
        if (node == null) {
            return Optional.empty();
        }
        if (node instanceof YScalar s) {
            if (s.value() instanceof Boolean b) {
                return Optional.of(b);
            }
            if (s.value() instanceof String str && (str.equals("true") || str.equals("false"))) {
                return Optional.of(Boolean.valueOf(str));
            }
        }
        problems.error(node, join(path, key), "expected true or false (got " + node.describe() + ")");
        return Optional.empty();
    }

    /** A list of text values; a single text value is accepted as a one-element list when {@code splitSingle}. */
    List<String> stringList(YMap map, String key, String path) {
        YNode node = map.get(key);
        String p = join(path, key);
        if (node == null || unresolved(node) || isNull(node)) {
            return List.of();
        }
        if (!(node instanceof YSeq seq)) {
            problems.error(node, p, "expected a list of text values (got " + node.describe() + ")");
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < seq.items().size(); i++) {
            YNode item = seq.items().get(i);
            if (unresolved(item) || deferred(item, p + "[" + i + "]")) {
                continue;
            }
            if (item instanceof YScalar s && !s.isNull() && !(s.value() instanceof Boolean)) {
                out.add(s.text());
            } else {
                problems.error(item, p + "[" + i + "]", "expected a text value (got " + item.describe() + ")");
            }
        }
        return out;
    }

    /** A scalar as the text a process would see: strings as they are, other values JSON-encoded. */
    Optional<String> asEnvironmentText(YNode node) {
        if (node == null || isNull(node)) {
            return Optional.empty();
        }
        if (node instanceof YScalar s) {
            return Optional.of(s.text());
        }
        return Optional.of(toJson(node));
    }

    /** A node as JSON (maps keep the file's key order). */
    String toJson(YNode node) {
        try {
            return JSON.writeValueAsString(toPlain(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a YAML value as JSON", e);
        }
    }

    static Object toPlain(YNode node) {
        if (node instanceof YScalar s) {
            return s.value();
        }
        if (node instanceof YSeq seq) {
            return seq.items().stream().map(NodeReader::toPlain).toList();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        ((YMap) node).entries().values().forEach(e -> out.put(e.key(), toPlain(e.value())));
        return out;
    }
}
