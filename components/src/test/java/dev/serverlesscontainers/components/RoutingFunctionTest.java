package dev.serverlesscontainers.components;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.serverlesscontainers.components.ViewerRequestRunner.Outcome;
import dev.serverlesscontainers.components.ViewerRequestRunner.Request;
import dev.serverlesscontainers.components.ViewerRequestRunner.Run;
import dev.serverlesscontainers.model.config.ComputeType;
import dev.serverlesscontainers.model.routing.Route;
import dev.serverlesscontainers.model.routing.RouteDefinition;
import dev.serverlesscontainers.model.routing.RoutingTable;
import dev.serverlesscontainers.model.routing.RoutingVectors;
import dev.serverlesscontainers.model.routing.RoutingVectors.Case;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated CloudFront Function, executed by Node.js, against the shared routing vectors. */
class RoutingFunctionTest {
    @TempDir
    Path work;

    @BeforeAll
    static void node() {
        ViewerRequestRunner.requireNode();
    }

    @Test
    void everyRoutingVectorSelectsTheExpectedOriginOrAnswers404() throws Exception {
        List<RoutingVectors.Table> tables = RoutingVectors.tables();
        List<Run> runs = new ArrayList<>();
        for (RoutingVectors.Table t : tables) {
            List<Request> requests = t.cases().stream().map(c -> new Request(c.host(), c.path())).toList();
            runs.add(new Run(RoutingFunction.code(t.name(), t.routingTable(), RoutingFunctionTest::originId), requests));
        }
        List<List<Outcome>> results = ViewerRequestRunner.run(work, runs);

        int checked = 0;
        for (int t = 0; t < tables.size(); t++) {
            for (int c = 0; c < tables.get(t).cases().size(); c++) {
                Case vector = tables.get(t).cases().get(c);
                Outcome outcome = results.get(t).get(c);
                String where = tables.get(t).name() + ": " + vector;
                if (vector.expect().isPresent()) {
                    assertThat(outcome.selected()).as(where).containsExactly(originId(vector.expect().get()));
                    assertThat(outcome.status()).as(where).isEmpty();
                    assertThat(outcome.forwardedHost()).as(where).contains(Route.normalizeHost(vector.host()));
                    assertThat(outcome.uriUnchanged()).as(where).isTrue();
                } else {
                    assertThat(outcome.selected()).as(where + " must not call an origin").isEmpty();
                    assertThat(outcome.status()).as(where).contains(404);
                    assertThat(outcome.body()).as(where).contains("Not Found");
                }
                // the same answer as the model's own matcher
                assertThat(outcome.origin()).as(where).isEqualTo(
                        tables.get(t).routingTable().match(vector.host(), vector.path()).map(r -> originId(r.container())));
                checked++;
            }
        }
        assertThat(checked).isEqualTo(tables.stream().mapToInt(x -> x.cases().size()).sum()).isGreaterThan(50);
    }

    @Test
    void aRuleWhoseOriginTheDistributionDoesNotHaveYetLeavesItsRequestsWhereTheyWent() throws Exception {
        RoutingTable table = RoutingTable.of(List.of(
                new RouteDefinition("web", Optional.of("example.com"), "/*", ComputeType.AWS_FARGATE_ECS),
                new RouteDefinition("api", Optional.empty(), "/api/*", ComputeType.AWS_LAMBDA)));
        String code = RoutingFunction.withStore(RoutingFunction.code("new-route", table, RoutingFunctionTest::originId), "store-1");
        List<Request> requests = List.of(new Request("example.com", "/api/x"), new Request("other.org", "/api/x"),
                new Request("example.com", "/"));
        List<List<Outcome>> results = ViewerRequestRunner.run(work, List.of(
                new Run(code, requests, List.of("origin-api")), new Run(code, requests)));

        List<Outcome> before = results.get(0);
        assertThat(before).allSatisfy(o -> assertThat(o.selected()).doesNotContain("origin-api"));
        assertThat(before.get(0).selected()).as("the next rule that matches takes it, as before the change").containsExactly("origin-web");
        assertThat(before.get(1).status()).as("no other rule matches: the default 404, no origin").contains(404);
        assertThat(before.get(2).selected()).containsExactly("origin-web");
        List<Outcome> after = results.get(1);
        assertThat(after).extracting(Outcome::selected)
                .containsExactly(List.of("origin-api"), List.of("origin-api"), List.of("origin-web"));
        assertThat(code).contains("cf.kvs(\"store-1\")").doesNotContain(RoutingFunction.STORE_ID_PLACEHOLDER);
    }

    @Test
    void theCodeListsRulesInPriorityOrderAsData() {
        RoutingTable table = RoutingTable.of(List.of(
                new RouteDefinition("web", Optional.empty(), "/*", ComputeType.AWS_FARGATE_ECS),
                new RouteDefinition("api", Optional.of("api.example.com"), "/api/*", ComputeType.AWS_LAMBDA)));
        String code = RoutingFunction.code("hello-dev", table, c -> "container-" + c);

        assertThat(code).startsWith("import cf from 'cloudfront';\n");
        assertThat(code).contains("var ROUTES = [[\"api.example.com\",\"/api/*\",\"container-api\",\"api\"],[null,\"/*\",\"container-web\",\"web\"]];");
        assertThat(code).contains("cf.selectRequestOriginById(route[2])");
        assertThat(code).contains("var CONTAINER = \"x-scf-container\";").contains("request.headers[CONTAINER] = { value: route[3] };");
    }

    @Test
    void aTableTooLargeForCloudFrontIsRefusedWithItsSize() {
        List<RouteDefinition> many = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            many.add(new RouteDefinition("container-" + i, Optional.empty(), "/a-fairly-long-path-segment-" + i + "/*",
                    ComputeType.AWS_LAMBDA));
        }
        assertThatThrownBy(() -> RoutingFunction.code("big", RoutingTable.of(many), c -> c))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("200 routes")
                .hasMessageContaining("at most " + RoutingFunction.MAX_CODE_BYTES + " bytes");
        assertThat(RoutingFunction.code("one", RoutingTable.of(many.subList(0, 1)), c -> c).getBytes(StandardCharsets.UTF_8).length)
                .isLessThan(RoutingFunction.MAX_CODE_BYTES);
    }

    private static String originId(String container) {
        return "origin-" + container;
    }
}
