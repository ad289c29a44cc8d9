package dev.serverlesscontainers.components;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.components.MockAws.Registered;
import dev.serverlesscontainers.components.TestDeploy.Deployed;
import dev.serverlesscontainers.components.ViewerRequestRunner.Outcome;
import dev.serverlesscontainers.components.ViewerRequestRunner.Request;
import dev.serverlesscontainers.components.ViewerRequestRunner.Run;
import dev.serverlesscontainers.model.config.ComputeType;
import dev.serverlesscontainers.model.naming.Names;
import dev.serverlesscontainers.model.naming.ResourceKind;
import dev.serverlesscontainers.model.routing.Route;
import dev.serverlesscontainers.model.routing.RouteDefinition;
import dev.serverlesscontainers.model.routing.RoutingVectors;
import dev.serverlesscontainers.model.routing.RoutingVectors.Case;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The routing vectors through what a deploy declares, end to end: each vector table becomes a
 * project; the CloudFront Function the deploy registered is executed by Node.js on each request; the
 * origin it selects is looked up in the registered distribution; and when that origin is the load
 * balancer, the registered listener rules (priorities and conditions, read back from the recorded
 * inputs) are matched with the model's own matcher, as the load balancer would evaluate them, on
 * the request CloudFront forwards (the host and container headers the function set, the origin's
 * secret header): exactly one rule, the chosen container's, must match.
 */
class RoutingVectorsDeployTest {
    @TempDir
    Path work;

    @BeforeAll
    static void node() {
        ViewerRequestRunner.requireNode();
    }

    /** What one table deployed to. */
    record Deployment(RoutingVectors.Table table, Deployed deployed) {}

    @Test
    void everyVectorReachesTheExpectedContainerThroughFunctionDistributionAndListenerRules() throws Exception {
        List<Deployment> deployments = new ArrayList<>();
        List<Run> runs = new ArrayList<>();
        int n = 0;
        for (RoutingVectors.Table table : RoutingVectors.tables()) {
            Path project = work.resolve("table-" + n++);
            writeProject(project, table);
            Deployed d = TestDeploy.run("dev", TestDeploy.argsFor(project).build());
            assertThat(d.result().errors()).as(table.name()).isEmpty();
            deployments.add(new Deployment(table, d));
            String code = d.aws().ofType("aws:cloudfront/function:Function").get(0).string("code");
            runs.add(new Run(code, table.cases().stream().map(c -> new Request(c.host(), c.path())).toList()));
        }
        List<List<Outcome>> outcomes = ViewerRequestRunner.run(work.resolve("node"), runs);

        int throughLoadBalancer = 0;
        for (int t = 0; t < deployments.size(); t++) {
            Deployment dep = deployments.get(t);
            Map<String, Map<?, ?>> origins = origins(dep.deployed());
            List<Rule> rules = rules(dep);
            for (int c = 0; c < dep.table().cases().size(); c++) {
                Case vector = dep.table().cases().get(c);
                Outcome outcome = outcomes.get(t).get(c);
                String where = dep.table().name() + ": " + vector;
                if (vector.expect().isEmpty()) {
                    assertThat(outcome.status()).as(where).contains(404);
                    assertThat(outcome.selected()).as(where).isEmpty();
                    continue;
                }
                String expected = vector.expect().get();
                assertThat(outcome.selected()).as(where).containsExactly(expected);
                Map<?, ?> origin = origins.get(expected);
                assertThat(origin).as(where + ": the distribution has the selected origin").isNotNull();
                if (computeOf(dep.table(), expected) == ComputeType.AWS_LAMBDA) {
                    assertThat(origin.get("domainName").toString()).as(where).endsWith(".lambda-url.eu-west-1.on.aws");
                    assertThat(origin.get("originAccessControlId")).as(where).isNotNull();
                    continue;
                }
                assertThat(origin.get("domainName").toString()).as(where).endsWith(".elb.amazonaws.com");
                String secret = ((Map<?, ?>) ((List<?>) origin.get("customHeaders")).get(0)).get("value").toString();
                String host = outcome.forwardedHost().orElseThrow();
                String container = outcome.container().orElseThrow();
                assertThat(container).as(where + ": the container header").isEqualTo(expected);
                String path = Route.pathOf(vector.path());
                List<String> matching = rules.stream()
                        .filter(r -> r.secret().equals(secret) && r.container().equals(container) && r.route().matches(host, path))
                        .map(r -> r.route().container()).toList();
                assertThat(matching).as(where + ": the listener rules that match, whatever their order").containsExactly(expected);
                throughLoadBalancer++;
            }
        }
        assertThat(throughLoadBalancer).isGreaterThan(20);
    }

    /** A listener rule read back from its recorded inputs, as a model route, and the headers it requires. */
    record Rule(Route route, int priority, String container, String secret) {}

    private static List<Rule> rules(Deployment dep) {
        Names names = Names.of("vectors", "dev");
        Map<String, String> containerByTargetGroupArn = new LinkedHashMap<>();
        for (RouteDefinition r : dep.table().routes()) {
            containerByTargetGroupArn.put("arn:aws:lb:eu-west-1:123456789012:" + names.container(r.container(), ResourceKind.TARGET_GROUP), r.container());
        }
        List<Rule> rules = new ArrayList<>();
        for (Registered r : dep.deployed().aws().ofType("aws:lb/listenerRule:ListenerRule")) {
            Optional<String> host = Optional.empty();
            String path = null;
            String secret = null;
            String containerHeader = null;
            for (Object condition : (List<?>) r.inputs().get("conditions")) {
                Map<?, ?> cond = (Map<?, ?>) condition;
                if (cond.get("pathPattern") instanceof Map<?, ?> p) {
                    path = ((List<?>) p.get("values")).get(0).toString();
                }
                if (cond.get("httpHeader") instanceof Map<?, ?> h) {
                    String value = ((List<?>) h.get("values")).get(0).toString();
                    if (h.get("httpHeaderName").equals(RoutingFunction.FORWARDED_HOST_HEADER)) {
                        host = Optional.of(value);
                    } else if (h.get("httpHeaderName").equals(RoutingFunction.CONTAINER_HEADER)) {
                        containerHeader = value;
                    } else {
                        assertThat(h.get("httpHeaderName")).isEqualTo(DeployDefaults.ORIGIN_SECRET_HEADER);
                        secret = value;
                    }
                }
            }
            String targetGroup = ((Map<?, ?>) ((List<?>) r.inputs().get("actions")).get(0)).get("targetGroupArn").toString();
            String container = containerByTargetGroupArn.get(targetGroup);
            assertThat(container).as("the target group of " + r.name()).isNotNull();
            assertThat(secret).as("every rule requires the secret header").isNotNull();
            assertThat(containerHeader).as("every rule requires its own container's name").isEqualTo(container);
            int priority = ((Number) r.inputs().get("priority")).intValue();
            rules.add(new Rule(new Route(container, host, path, ComputeType.AWS_FARGATE_ECS), priority, containerHeader, secret));
        }
        rules.sort(Comparator.comparingInt(Rule::priority));
        assertThat(rules).extracting(Rule::priority).as("priorities are unique and in the load balancer's range")
                .doesNotHaveDuplicates().allSatisfy(p -> assertThat(p).isBetween(1, 50_000));
        return rules;
    }

    private static Map<String, Map<?, ?>> origins(Deployed d) {
        Map<String, Map<?, ?>> byId = new LinkedHashMap<>();
        for (Object o : (List<?>) d.aws().ofType("aws:cloudfront/distribution:Distribution").get(0).inputs().get("origins")) {
            byId.put(((Map<?, ?>) o).get("originId").toString(), (Map<?, ?>) o);
        }
        return byId;
    }

    private static ComputeType computeOf(RoutingVectors.Table table, String container) {
        return table.routes().stream().filter(r -> r.container().equals(container)).findFirst().orElseThrow().computeType();
    }

    /** A project whose containers are the table's routes, each with a minimal Dockerfile. */
    static void writeProject(Path dir, RoutingVectors.Table table) throws Exception {
        StringBuilder yml = new StringBuilder("name: vectors\ncontainers:\n");
        for (RouteDefinition r : table.routes()) {
            Path src = dir.resolve(r.container());
            Files.createDirectories(src);
            Files.writeString(src.resolve("Dockerfile"), "FROM app-base\nCOPY . /app\n");
            yml.append("  ").append(r.container()).append(":\n")
                    .append("    src: ./").append(r.container()).append('\n')
                    .append("    routing:\n");
            r.domain().ifPresent(d -> yml.append("      domain: \"").append(d).append("\"\n"));
            yml.append("      pathPattern: \"").append(r.pathPattern()).append("\"\n")
                    .append("      pathHealthCheck: /health\n")
                    .append("    compute:\n      type: ").append(r.computeType().configName()).append('\n');
        }
        Files.writeString(dir.resolve("serverless.containers.yml"), yml.toString());
    }
}
