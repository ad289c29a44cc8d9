package dev.serverlesscontainers.components;

import dev.serverlesscontainers.model.naming.Names;
import dev.serverlesscontainers.model.routing.Route;
import dev.serverlesscontainers.model.routing.RoutingTable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Priorities of the load balancer's listener rules that stay put when other containers come and go.
 *
 * <p>The routing function decides which container serves a request and says so in
 * {@value RoutingFunction#CONTAINER_HEADER}; every listener rule requires its own container's name
 * there, so no two rules ever match the same request and their order does not matter. A rule's
 * priority can therefore come from its container's name alone (a hash into the load balancer's
 * range), instead of its rank in the routing table: with ranks, adding a container renumbered the
 * rules after it, and the in-place updates raced the new rule for the same numbers
 * ({@code PriorityInUse}). Two names that hash to the same number are separated by taking the next
 * free one, in name order, so only a rare collision can move a rule.
 */
final class ListenerPriorities {
    private ListenerPriorities() {}

    /** The load balancer's range of rule priorities. */
    static final int MIN = 1;
    static final int MAX = 50_000;

    /** Priorities of the rules of every container whose routes are listed, keyed as {@link #key(Route, int)}. */
    static Map<String, Integer> of(RoutingTable table, Set<String> containers) {
        List<String> keys = new ArrayList<>();
        for (String container : containers) {
            List<Route> routes = table.routesOf(container);
            for (int i = 0; i < routes.size(); i++) {
                keys.add(key(routes.get(i), i));
            }
        }
        keys.sort(Comparator.comparingInt(ListenerPriorities::preferred).thenComparing(Comparator.naturalOrder()));
        Set<Integer> taken = new HashSet<>();
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String key : keys) {
            int p = preferred(key);
            while (!taken.add(p)) {
                p = p == MAX ? MIN : p + 1;
            }
            out.put(key, p);
        }
        return out;
    }

    /** A container's {@code index}-th route (0 for its one route today). */
    static String key(Route route, int index) {
        return index == 0 ? route.container() : route.container() + "#" + index;
    }

    private static int preferred(String key) {
        return MIN + (int) (Long.parseLong(Names.hash(key), 16) % (MAX - MIN + 1));
    }
}
