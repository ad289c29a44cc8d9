package dev.serverlesscontainers.model.routing;

import dev.serverlesscontainers.model.ContainerConfig;
import dev.serverlesscontainers.model.ProjectConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The one routing table. The dev proxy, the load balancer's listener rules and the CloudFront
 * Function are translations of it; none re-implements its matching or ordering.
 *
 * <p>Order (and so priority): a rule with a host before one without; a literal host before a wildcard
 * one; then more literal path segments before fewer; an exact path before a wildcard one; a longer
 * literal prefix before a shorter; and last, the order the containers are written in. Priorities are
 * {@value #PRIORITY_STEP}, {@code 2 x} {@value #PRIORITY_STEP}, ... in that order, so the same
 * configuration always yields the same numbers.
 */
public final class RoutingTable {
    /** Gap between consecutive rule priorities. */
    public static final int PRIORITY_STEP = 10;

    private final List<Route> routes;

    private RoutingTable(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    public static RoutingTable of(ProjectConfig config) {
        List<RouteDefinition> defs = new ArrayList<>();
        for (ContainerConfig c : config.containers().values()) {
            defs.add(new RouteDefinition(c.name(), c.routing().domain(), c.routing().pathPattern(), c.compute().type()));
        }
        return of(defs);
    }

    /** Orders definitions (given in config order) and numbers them. */
    public static RoutingTable of(List<RouteDefinition> definitions) {
        List<Indexed> indexed = new ArrayList<>();
        for (int i = 0; i < definitions.size(); i++) {
            indexed.add(new Indexed(definitions.get(i), i));
        }
        indexed.sort(SPECIFICITY);
        List<Route> routes = new ArrayList<>();
        for (int rank = 0; rank < indexed.size(); rank++) {
            RouteDefinition d = indexed.get(rank).definition;
            routes.add(new Route(d.container(), d.domain().map(Route::normalizeHost), d.pathPattern(),
                    (rank + 1) * PRIORITY_STEP, d.computeType()));
        }
        return new RoutingTable(routes);
    }

    /** The rules, in priority order. */
    public List<Route> routes() {
        return routes;
    }

    /**
     * The first rule that matches, as the load balancer would pick it; empty means the default action
     * (404). {@code hostHeader} may carry a port; {@code requestTarget} may carry a query.
     */
    public Optional<Route> match(String hostHeader, String requestTarget) {
        String host = Route.normalizeHost(hostHeader);
        String path = Route.pathOf(requestTarget);
        for (Route r : routes) {
            if (r.matches(host, path)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** The rules of one container (one today; a list so that more routes per container can come). */
    public List<Route> routesOf(String container) {
        return routes.stream().filter(r -> r.container().equals(container)).toList();
    }

    private record Indexed(RouteDefinition definition, int configIndex) {}

    private static final Comparator<Indexed> SPECIFICITY = Comparator
            .comparing((Indexed x) -> x.definition.domain().isEmpty())
            .thenComparing(x -> x.definition.domain().map(Wildcard::hasWildcard).orElse(false))
            .thenComparing(x -> -x.definition.domain().map(d -> Wildcard.literalPrefix(reverse(d)).length()).orElse(0))
            .thenComparing(x -> -literalSegments(x.definition.pathPattern()))
            .thenComparing(x -> Wildcard.hasWildcard(x.definition.pathPattern()))
            .thenComparing(x -> -Wildcard.literalPrefix(x.definition.pathPattern()).length())
            .thenComparingInt(x -> x.configIndex);

    /** Whole path segments before the first wildcard: {@code /api/v1/*} has 2, {@code /api*} has 0. */
    static int literalSegments(String pattern) {
        String prefix = Wildcard.literalPrefix(pattern);
        boolean wild = prefix.length() < pattern.length();
        String[] parts = prefix.split("/", -1);
        int count = 0;
        for (int i = 1; i < parts.length; i++) {
            boolean last = i == parts.length - 1;
            if (last && wild) {
                break; // the segment the wildcard sits in is not literal
            }
            if (!parts[i].isEmpty()) {
                count++;
            }
        }
        return count;
    }

    /** Host specificity counts literal labels from the right: {@code *.api.example.com} beats {@code *.example.com}. */
    private static String reverse(String s) {
        return new StringBuilder(s).reverse().toString();
    }
}
