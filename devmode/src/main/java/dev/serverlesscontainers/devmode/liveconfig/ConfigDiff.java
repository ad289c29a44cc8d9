package dev.serverlesscontainers.devmode.liveconfig;

import dev.serverlesscontainers.model.config.ContainerConfig;
import dev.serverlesscontainers.model.config.ProjectConfig;
import dev.serverlesscontainers.model.routing.Route;
import dev.serverlesscontainers.model.routing.RoutingTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What changed between two valid configurations, container by container, in the terms scf-dev applies
 * them: a container added (started, then routed to), removed (unrouted, then drained and stopped),
 * rerouted (the routing table swapped) or replaced (a new instance from the new settings, as a reload).
 * Where a key stands in the file (its line) is no change.
 *
 * @param changes one per container that changed: the added ones in the new file's order, then the changed
 *     ones in the new file's order, then the removed ones in the old file's order
 * @param routingChanged whether the routing table differs at all (a reordering, say, can change which rule wins)
 */
public record ConfigDiff(List<Change> changes, boolean routingChanged) {
    /** The settings whose change moves what a container's reloads watch. */
    private static final Set<String> WATCHED_SETTINGS = Set.of("src", "dev");

    public ConfigDiff {
        changes = List.copyOf(changes);
    }

    /** What happens to one container. */
    public enum Kind { ADDED, CHANGED, REMOVED }

    /**
     * One container's change.
     *
     * @param rulesBefore its rules in the old file's routing table; none when it is added
     * @param rulesAfter its rules in the new file's routing table; none when it is removed
     * @param settings what of its settings its instances are started from changed, as the file names them
     *     ({@code environment}, ...); its instances are replaced when any did
     */
    public record Change(String container, Kind kind, List<Route> rulesBefore, List<Route> rulesAfter, List<String> settings) {
        public Change {
            rulesBefore = List.copyOf(rulesBefore);
            rulesAfter = List.copyOf(rulesAfter);
            settings = List.copyOf(settings);
        }

        /** Whether its instances must be started anew. */
        public boolean replaced() {
            return !settings.isEmpty();
        }

        /** Whether a request can now reach it by other rules (its compute type is no rule: it is a setting). */
        public boolean rerouted() {
            return kind == Kind.CHANGED && !rules(rulesBefore).equals(rules(rulesAfter));
        }

        /** Whether the folder its reloads watch, or how, may have changed. */
        public boolean changesWhatIsWatched() {
            return settings.stream().anyMatch(WATCHED_SETTINGS::contains);
        }

        /** One line for the user: {@code api  route /api/* -> /v2/*; replaced (environment)}. */
        public String describe() {
            return container + "  " + switch (kind) {
                case ADDED -> "added (" + rules(rulesAfter) + ")";
                case REMOVED -> "removed";
                case CHANGED -> {
                    List<String> what = new ArrayList<>();
                    if (rerouted()) {
                        what.add("route " + rules(rulesBefore) + " -> " + rules(rulesAfter));
                    }
                    if (replaced()) {
                        what.add("replaced (" + String.join(", ", settings) + ")");
                    }
                    yield String.join("; ", what);
                }
            };
        }

        /** The rules as the listing and the control plane show them ({@code admin.example.com/*}). */
        private static String rules(List<Route> routes) {
            return routes.stream().map(Route::describe).collect(Collectors.joining(", "));
        }
    }

    public static ConfigDiff between(ProjectConfig before, ProjectConfig after) {
        RoutingTable oldRoutes = RoutingTable.of(before);
        RoutingTable newRoutes = RoutingTable.of(after);
        List<Change> added = new ArrayList<>();
        List<Change> changed = new ArrayList<>();
        for (ContainerConfig now : after.containers().values()) {
            ContainerConfig was = before.containers().get(now.name());
            if (was == null) {
                added.add(new Change(now.name(), Kind.ADDED, List.of(), newRoutes.routesOf(now.name()), List.of()));
                continue;
            }
            List<String> settings = changes(was, now);
            if (!before.name().equals(after.name())) {
                settings.add(0, "name");
            }
            Change change = new Change(now.name(), Kind.CHANGED, oldRoutes.routesOf(now.name()), newRoutes.routesOf(now.name()), settings);
            if (change.replaced() || change.rerouted()) {
                changed.add(change);
            }
        }
        List<Change> changes = new ArrayList<>(added);
        changes.addAll(changed);
        before.containers().keySet().stream().filter(name -> !after.containers().containsKey(name))
                .forEach(name -> changes.add(new Change(name, Kind.REMOVED, oldRoutes.routesOf(name), List.of(), List.of())));
        return new ConfigDiff(changes, !oldRoutes.routes().equals(newRoutes.routes()));
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

    /** The changes of one kind, in the order of {@link #changes()}. */
    public List<Change> changes(Kind kind) {
        return changes.stream().filter(c -> c.kind() == kind).toList();
    }

    public boolean isEmpty() {
        return changes.isEmpty() && !routingChanged;
    }

    /** One line per container that changed, as {@link Change#describe()} says it. */
    public List<String> describe() {
        return changes.stream().map(Change::describe).toList();
    }
}
