package dev.serverlesscontainers.devmode.liveconfig;

import dev.serverlesscontainers.model.config.ContainerConfig;
import dev.serverlesscontainers.model.config.ProjectConfig;
import dev.serverlesscontainers.model.routing.Route;
import dev.serverlesscontainers.model.routing.RoutingTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What changed between two valid configurations, container by container, in the terms scf-dev applies
 * them: a container added (started, then routed to), removed (unrouted, then drained and stopped),
 * rerouted (the routing table swapped) or replaced (a new instance from the new settings, as a reload).
 * Where a key stands in the file (its line) is no change.
 *
 * @param added the containers the new file has and the old one had not, in the file's order
 * @param removed the names the old file had and the new one has not
 * @param replaced each container whose instances must be started anew, with what changed ({@code environment}, ...)
 * @param rerouted each container whose rule changed, as {@code /api/* -> /v2/*}
 * @param routingChanged whether the routing table differs at all (a reordering, say, can change which rule wins)
 */
public record ConfigDiff(List<ContainerConfig> added, List<String> removed, Map<String, List<String>> replaced,
                         Map<String, String> rerouted, boolean routingChanged) {
    public ConfigDiff {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        replaced = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(replaced));
        rerouted = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rerouted));
    }

    public static ConfigDiff between(ProjectConfig before, ProjectConfig after) {
        List<ContainerConfig> added = new ArrayList<>();
        Map<String, List<String>> replaced = new LinkedHashMap<>();
        Map<String, String> rerouted = new LinkedHashMap<>();
        for (ContainerConfig now : after.containers().values()) {
            ContainerConfig was = before.containers().get(now.name());
            if (was == null) {
                added.add(now);
                continue;
            }
            List<String> changes = changes(was, now);
            if (!before.name().equals(after.name())) {
                changes.add(0, "name");
            }
            if (!changes.isEmpty()) {
                replaced.put(now.name(), changes);
            }
            String rule = rule(was);
            if (!rule.equals(rule(now))) {
                rerouted.put(now.name(), rule + " -> " + rule(now));
            }
        }
        List<String> removed = before.containers().keySet().stream().filter(n -> !after.containers().containsKey(n)).toList();
        boolean routingChanged = !RoutingTable.of(before).routes().equals(RoutingTable.of(after).routes());
        return new ConfigDiff(added, removed, replaced, rerouted, routingChanged);
    }

    /** What of a container's settings its instances are started from, as the file names it; its rule is not among them. */
    private static List<String> changes(ContainerConfig was, ContainerConfig now) {
        List<String> changes = new ArrayList<>();
        changeOf(changes, "src", was.src(), now.src());
        changeOf(changes, "environment", was.environment(), now.environment());
        changeOf(changes, "compute", was.compute(), now.compute());
        changeOf(changes, "routing.pathHealthCheck", was.routing().pathHealthCheck(), now.routing().pathHealthCheck());
        changeOf(changes, "build", was.build(), now.build());
        changeOf(changes, "dev", was.dev(), now.dev());
        return changes;
    }

    private static void changeOf(List<String> changes, String key, Object was, Object now) {
        if (!Objects.equals(was, now)) {
            changes.add(key);
        }
    }

    /** The rule as the listing and the control plane show it ({@code admin.example.com/*}). */
    private static String rule(ContainerConfig c) {
        return new Route(c.name(), c.routing().domain(), c.routing().pathPattern(), c.compute().type()).describe();
    }

    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && replaced.isEmpty() && !routingChanged;
    }

    /** One line per container that changed: {@code api  route /api/* -> /v2/*; replaced (environment)}. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        added.forEach(c -> lines.add(c.name() + "  added (" + rule(c) + ")"));
        Map<String, List<String>> changed = new LinkedHashMap<>();
        rerouted.forEach((name, route) -> changed.computeIfAbsent(name, n -> new ArrayList<>()).add("route " + route));
        replaced.forEach((name, what) -> changed.computeIfAbsent(name, n -> new ArrayList<>())
                .add("replaced (" + String.join(", ", what) + ")"));
        changed.forEach((name, what) -> lines.add(name + "  " + String.join("; ", what)));
        removed.forEach(name -> lines.add(name + "  removed"));
        return lines;
    }
}
