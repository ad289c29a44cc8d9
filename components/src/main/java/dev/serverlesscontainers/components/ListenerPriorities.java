package dev.serverlesscontainers.components;

import dev.serverlesscontainers.model.routing.ListenerRules;
import dev.serverlesscontainers.model.routing.Route;
import dev.serverlesscontainers.model.routing.RoutingTable;
import java.util.Map;
import java.util.Set;

/**
 * The listener rules' priorities, as {@link ListenerRules} computes them. Only a name for the
 * callers that still use it ({@code FargateService}, {@code DeployContext}); they can call
 * {@link ListenerRules} directly and this class go.
 */
final class ListenerPriorities {
    private ListenerPriorities() {}

    static Map<String, Integer> of(RoutingTable table, Set<String> containers) {
        return ListenerRules.priorities(table, containers);
    }

    static String key(Route route, int index) {
        return ListenerRules.key(route, index);
    }
}
