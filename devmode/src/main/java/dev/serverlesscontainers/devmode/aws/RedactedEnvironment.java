package dev.serverlesscontainers.devmode.aws;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** An unmodifiable environment whose {@code toString} names the variables but hides their values. */
final class RedactedEnvironment extends AbstractMap<String, String> {
    static final RedactedEnvironment EMPTY = new RedactedEnvironment(Map.of());

    private final Map<String, String> variables;

    RedactedEnvironment(Map<String, String> variables) {
        this.variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return variables.entrySet();
    }

    @Override
    public String get(Object key) {
        return variables.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return variables.containsKey(key);
    }

    @Override
    public String toString() {
        return variables.isEmpty() ? "{}" : new TreeSet<>(variables.keySet()) + " (values hidden)";
    }
}
