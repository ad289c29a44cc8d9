package dev.serverlesscontainers.model.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesscontainers.model.config.ComputeType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The shared routing test vectors ({@code vectors.json} beside this class). Shipped in the model's
 * test jar so every enforcer's tests (dev proxy, listener rules, CloudFront Function) run the same
 * cases.
 */
public final class RoutingVectors {
    private RoutingVectors() {}

    public static final String RESOURCE = "/dev/serverlesscontainers/model/routing/vectors.json";

    /** One request and the container that must serve it (empty: the default action, 404). */
    public record Case(String host, String path, Optional<String> expect, String why) {
        @Override
        public String toString() {
            return host + path + " -> " + expect.orElse("404") + (why.isEmpty() ? "" : " (" + why + ")");
        }
    }

    /** Routes in config order, and the cases to run against the table they make. */
    public record Table(String name, List<RouteDefinition> routes, List<Case> cases) {
        public RoutingTable routingTable() {
            return RoutingTable.of(routes);
        }
    }

    /** The raw JSON, for tests that hand it to another runtime (Node.js). */
    public static String json() {
        try (InputStream in = RoutingVectors.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Table> tables() {
        try {
            JsonNode root = new ObjectMapper().readTree(json());
            List<Table> tables = new ArrayList<>();
            for (JsonNode t : root.get("tables")) {
                List<RouteDefinition> routes = new ArrayList<>();
                for (JsonNode r : t.get("routes")) {
                    routes.add(new RouteDefinition(r.get("container").asText(),
                            r.get("domain").isNull() ? Optional.empty() : Optional.of(r.get("domain").asText()),
                            r.get("pathPattern").asText(),
                            ComputeType.fromConfigName(r.get("computeType").asText()).orElseThrow()));
                }
                List<Case> cases = new ArrayList<>();
                for (JsonNode c : t.get("cases")) {
                    cases.add(new Case(c.get("host").asText(), c.get("path").asText(),
                            c.get("expect").isNull() ? Optional.empty() : Optional.of(c.get("expect").asText()),
                            c.path("why").asText("")));
                }
                tables.add(new Table(t.get("name").asText(), routes, cases));
            }
            return tables;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
