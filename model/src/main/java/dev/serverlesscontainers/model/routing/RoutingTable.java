package dev.serverlesscontainers.model.routing;

import dev.serverlesscontainers.model.config.ContainerConfig;
import dev.serverlesscontainers.model.config.ProjectConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;

/**
 * The one routing table. The dev proxy, the load balancer's listener rules and the CloudFront
 * Function are translations of it; none re-implements its matching or ordering.
 *
 * <p>Order, path first and then host, because that is how a person reads the file (and what SCF
 * did): an exact path before a wildcard one; a longer literal prefix (the characters before the
 * first wildcard) before a shorter; among equally specific paths a rule with a host before one
 * without, a literal host before a wildcard one, and a longer literal host suffix before a shorter;
 * and last, the order the containers are written in. The first rule that matches wins. No numbers:
 * the listener rules are mutually exclusive (see {@link ListenerRules}), so
 * this order exists only here and in what translates it.
 */
public final class RoutingTable {
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

    /** Orders definitions (given in config order). */
    public static RoutingTable of(List<RouteDefinition> definitions) {
        List<Indexed> indexed = new ArrayList<>();
        for (int i = 0; i < definitions.size(); i++) {
            indexed.add(new Indexed(definitions.get(i), i));
        }
        indexed.sort(PRECEDENCE);
        List<Route> routes = new ArrayList<>();
        for (Indexed x : indexed) {
            RouteDefinition d = x.definition;
            routes.add(new Route(d.container(), d.domain(), d.pathPattern(), d.computeType()));
        }
        return new RoutingTable(routes);
    }

    /** The rules, in the order they are tried. */
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

    /** A rule no request can reach, because every request it matches goes to {@code takenBy} first. */
    public record Unreachable(Route route, Route takenBy) {}

    /**
     * Rules that one rule before them always beats. (Several rules that together cover a later one are
     * not found; one rule hiding another is the mistake people make.)
     */
    public List<Unreachable> unreachable() {
        List<Unreachable> out = new ArrayList<>();
        eachWithFirstEarlier(Route::isCoveredBy, (later, earlier) -> out.add(new Unreachable(later, earlier)));
        return out;
    }

    /** A rule with the same conditions as one written before it: the config binds only one route to a pair. */
    public record Duplicate(Route route, Route first) {}

    /** Rules that repeat the host and path pattern of an earlier rule (in file order). */
    public List<Duplicate> duplicates() {
        List<Duplicate> out = new ArrayList<>();
        eachWithFirstEarlier(Route::hasSameConditionsAs, (later, earlier) -> out.add(new Duplicate(later, earlier)));
        return out;
    }

    /** For each rule, the first rule before it that {@code relation} (later, earlier) holds for, if any. */
    private void eachWithFirstEarlier(BiPredicate<Route, Route> relation, BiConsumer<Route, Route> found) {
        for (int later = 1; later < routes.size(); later++) {
            for (int earlier = 0; earlier < later; earlier++) {
                if (relation.test(routes.get(later), routes.get(earlier))) {
                    found.accept(routes.get(later), routes.get(earlier));
                    break;
                }
            }
        }
    }

    private record Indexed(RouteDefinition definition, int configIndex) {}

    private static final Comparator<Indexed> PRECEDENCE = Comparator
            .comparing((Indexed x) -> Wildcard.hasWildcard(x.definition.pathPattern()))
            .thenComparing(x -> -Wildcard.literalPrefix(x.definition.pathPattern()).length())
            .thenComparing(x -> x.definition.domain().isEmpty())
            .thenComparing(x -> x.definition.domain().map(Wildcard::hasWildcard).orElse(false))
            .thenComparing(x -> -x.definition.domain().map(d -> Wildcard.literalPrefix(reverse(d)).length()).orElse(0))
            .thenComparingInt(x -> x.configIndex);

    /** Host specificity counts literal characters from the right: {@code *.api.example.com} beats {@code *.example.com}. */
    private static String reverse(String s) {
        return new StringBuilder(s).reverse().toString();
    }
}
