package dev.serverlesscontainers.model.routing;

import dev.serverlesscontainers.model.naming.Names;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The routing table as the load balancer's listener rules see it: the headers the CloudFront Function
 * sets for them, and rule priorities that stay put when other containers come and go.
 *
 * <p>The function decides which container serves a request and says so in {@value #CONTAINER_HEADER};
 * every listener rule requires its own container's name there, so no two rules ever match the same
 * request and their order does not matter. A rule's priority can therefore come from its container's
 * name alone (a hash into the load balancer's range) instead of its rank in the table: with ranks,
 * adding a container renumbered the rules after it, and the in-place updates raced the new rule for
 * the same numbers ({@code PriorityInUse}). Two names that hash to the same number are separated by
 * taking the next free one, in name order, so only a rare collision can move a rule.
 */
public final class ListenerRules {
    private ListenerRules() {}

    /** The header that carries the viewer's host to every origin; listener rules match it, not {@code Host}. */
    public static final String FORWARDED_HOST_HEADER = "x-forwarded-host";
    /** The header that names the container the function chose; each listener rule requires its own container's name. */
    public static final String CONTAINER_HEADER = "x-scf-container";

    /** The load balancer's range of rule priorities. */
    public static final int MIN_PRIORITY = 1;
    public static final int MAX_PRIORITY = 50_000;

    /**
     * Priorities of the rules of the given containers (those the load balancer serves; no other
     * container gets a number), keyed as {@link #key(Route, int)}.
     */
    public static Map<String, Integer> priorities(RoutingTable table, Set<String> containers) {
        List<String> keys = new ArrayList<>();
        for (String container : containers) {
            List<Route> routes = table.routesOf(container);
            for (int i = 0; i < routes.size(); i++) {
                keys.add(key(routes.get(i), i));
            }
        }
        keys.sort(Comparator.comparingInt(ListenerRules::preferred).thenComparing(Comparator.naturalOrder()));
        Set<Integer> taken = new HashSet<>();
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String key : keys) {
            int p = preferred(key);
            while (!taken.add(p)) {
                p = p == MAX_PRIORITY ? MIN_PRIORITY : p + 1;
            }
            out.put(key, p);
        }
        return out;
    }

    /** A container's {@code index}-th route (0 for its one route today). */
    public static String key(Route route, int index) {
        return index == 0 ? route.container() : route.container() + "#" + index;
    }

    private static int preferred(String key) {
        return MIN_PRIORITY + (int) (Long.parseLong(Names.hash(key), 16) % (MAX_PRIORITY - MIN_PRIORITY + 1));
    }
}
