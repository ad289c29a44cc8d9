package dev.serverlesscontainers.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesscontainers.e2e.SimulatedAccount.Event;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replays an account's event log to find every moment at which the edge could send a request to an
 * origin the distribution does not have: the routing function that the distribution runs has a rule
 * for the origin, the key value store says the origin is deployed (the function's gate), and the
 * distribution lacks it.
 *
 * <p>While an operation is under way, either side of it may be what CloudFront serves, so the replay
 * takes the worst of both: a function or store being changed counts with its old and its new rules or
 * keys together, and a distribution being changed counts only with the origins both versions have.
 * Moments without a distribution (before it exists, while it is deleted) route nothing.
 */
final class RouteWindow {
    private static final String DISTRIBUTION = "aws:cloudfront/distribution:Distribution";
    private static final String FUNCTION = "aws:cloudfront/function:Function";
    private static final String STORE_KEYS = "aws:cloudfront/keyvaluestoreKeysExclusive:KeyvaluestoreKeysExclusive";
    private static final Pattern ROUTES = Pattern.compile("var ROUTES = (\\[.*?\\]);\\n", Pattern.DOTALL);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A set that an operation under way is changing: {@code before} until it ends, then {@code after}. */
    private record Changing(Set<String> before, Set<String> after, boolean underWay) {
        static Changing of(Set<String> value) {
            return new Changing(value, value, false);
        }

        Changing start(Set<String> next) {
            return new Changing(before, next, true);
        }

        Changing end(Set<String> next) {
            return new Changing(next, next, false);
        }

        Set<String> either() {
            var union = new LinkedHashSet<>(before);
            union.addAll(after);
            return union;
        }

        Set<String> both() {
            var intersection = new LinkedHashSet<>(before);
            intersection.retainAll(after);
            return intersection;
        }
    }

    private final Map<String, Changing> routedOrigins = new HashMap<>();
    private final Map<String, String> functionArns = new HashMap<>();
    private Changing deployedKeys = Changing.of(Set.of());
    private Changing distributionOrigins;
    private Changing distributionFunctions;

    private RouteWindow() {}

    /**
     * Each moment (event) at which a request to {@code stack}'s distribution could go to a missing
     * origin, described; empty when there is none.
     */
    static List<String> missingOrigins(List<Event> events, String stack) {
        var replay = new RouteWindow();
        var found = new ArrayList<String>();
        for (Event event : events) {
            if (!event.urn().startsWith("urn:pulumi:" + stack + "::")) {
                continue;
            }
            replay.apply(event);
            replay.check(event).ifPresent(found::add);
        }
        return found;
    }

    private void apply(Event event) {
        if (event.phase().equals("failed")) {
            return;
        }
        boolean start = event.phase().equals("start");
        boolean delete = event.operation().equals("delete");
        switch (event.type()) {
            case FUNCTION -> {
                Set<String> next = delete ? Set.of() : routed(event.detail().path("code").asText());
                Changing now = routedOrigins.getOrDefault(event.urn(), Changing.of(Set.of()));
                routedOrigins.put(event.urn(), start ? now.start(next) : now.end(next));
                if (!start && event.detail().hasNonNull("arn")) {
                    functionArns.put(event.detail().path("arn").asText(), event.urn());
                }
            }
            case STORE_KEYS -> {
                Set<String> next = delete ? Set.of() : strings(event.detail().path("keys"));
                deployedKeys = start ? deployedKeys.start(next) : deployedKeys.end(next);
            }
            case DISTRIBUTION -> {
                if (delete) {
                    distributionOrigins = null; // a distribution being deleted serves nothing we deploy
                    distributionFunctions = null;
                    return;
                }
                Set<String> origins = new LinkedHashSet<>();
                event.detail().path("origins").forEach(origin -> origins.add(origin.path("originId").asText()));
                Set<String> functions = strings(event.detail().path("functions"));
                if (distributionOrigins == null) {
                    if (!start) { // serving from the end of its creation on
                        distributionOrigins = Changing.of(origins);
                        distributionFunctions = Changing.of(functions);
                    }
                } else {
                    distributionOrigins = start ? distributionOrigins.start(origins) : distributionOrigins.end(origins);
                    distributionFunctions = start ? distributionFunctions.start(functions) : distributionFunctions.end(functions);
                }
            }
            default -> { }
        }
    }

    private Optional<String> check(Event event) {
        if (distributionOrigins == null) {
            return Optional.empty();
        }
        Set<String> has = distributionOrigins.both();
        Set<String> gate = deployedKeys.either();
        Set<String> missing = new LinkedHashSet<>();
        for (String arn : distributionFunctions.either()) {
            String function = functionArns.get(arn);
            if (function == null) {
                continue;
            }
            for (String origin : routedOrigins.getOrDefault(function, Changing.of(Set.of())).either()) {
                if (gate.contains(origin) && !has.contains(origin)) {
                    missing.add(origin);
                }
            }
        }
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("after event " + event.seq() + " (" + event.phase() + " " + event.operation() + " "
                + Urns.typeAndName(event.urn()) + "): the routing function may select " + missing
                + " while the distribution has only " + has);
    }

    /** The origin ids of the rules in a routing function's code ({@code var ROUTES = [[host, path, origin, container], ...];}). */
    static Set<String> routed(String code) {
        Matcher routes = ROUTES.matcher(code);
        if (!routes.find()) {
            throw new AssertionError("no ROUTES table in the routing function's code:\n" + code);
        }
        try {
            Set<String> origins = new LinkedHashSet<>();
            JSON.readTree(routes.group(1)).forEach(row -> origins.add(row.get(2).asText()));
            return origins;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> values = new HashSet<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
