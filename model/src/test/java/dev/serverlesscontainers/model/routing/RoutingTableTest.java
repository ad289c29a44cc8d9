package dev.serverlesscontainers.model.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.model.ComputeType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class RoutingTableTest {

    @TestFactory
    Stream<DynamicTest> everyVectorMatchesTheExpectedContainer() {
        return RoutingVectors.tables().stream().flatMap(table -> table.cases().stream().map(c ->
                DynamicTest.dynamicTest(table.name() + ": " + c, () -> assertThat(
                        table.routingTable().match(c.host(), c.path()).map(Route::container)).isEqualTo(c.expect()))));
    }

    @Test
    void thereAreAtLeastFortyVectors() {
        assertThat(RoutingVectors.tables().stream().mapToInt(t -> t.cases().size()).sum()).isGreaterThanOrEqualTo(40);
    }

    @Test
    void prioritiesFollowSpecificityAndAreSpacedEvenly() {
        RoutingTable table = RoutingTable.of(List.of(
                def("all", null, "/*"), def("api", null, "/api/*"), def("exact", null, "/api/status"),
                def("host", "example.com", "/*"), def("wildhost", "*.example.com", "/*")));
        assertThat(table.routes()).extracting(Route::container).containsExactly("host", "wildhost", "exact", "api", "all");
        assertThat(table.routes()).extracting(Route::priority).containsExactly(10, 20, 30, 40, 50);
    }

    @Test
    void prioritiesAreStableAcrossRunsAndIndependentOfFileOrderExceptTies() {
        List<RouteDefinition> defs = new ArrayList<>(List.of(def("a", null, "/a/*"), def("b", null, "/b/c/*"),
                def("c", "x.example.com", "/*"), def("d", null, "/d")));
        List<Route> first = RoutingTable.of(defs).routes();
        Collections.reverse(defs);
        List<Route> reversed = RoutingTable.of(defs).routes();
        assertThat(reversed).isEqualTo(first);
        assertThat(RoutingTable.of(defs).routes()).isEqualTo(reversed);
    }

    @Test
    void hostsAreNormalizedAndQueriesIgnored() {
        assertThat(Route.normalizeHost("API.Example.com:8443")).isEqualTo("api.example.com");
        assertThat(Route.normalizeHost("example.com.")).isEqualTo("example.com");
        assertThat(Route.normalizeHost("[::1]:3000")).isEqualTo("[::1]");
        assertThat(Route.pathOf("/a/b?c=d#e")).isEqualTo("/a/b");
        assertThat(Route.pathOf("")).isEqualTo("/");
    }

    @Test
    void literalSegmentsCountOnlyWholeSegmentsBeforeAWildcard() {
        assertThat(RoutingTable.literalSegments("/*")).isZero();
        assertThat(RoutingTable.literalSegments("/api*")).isZero();
        assertThat(RoutingTable.literalSegments("/api/*")).isEqualTo(1);
        assertThat(RoutingTable.literalSegments("/api/v1/status")).isEqualTo(3);
    }

    @Test
    void wildcardMatchingIsLinearOnHostilePatterns() {
        String pattern = "/" + "*a".repeat(20) + "b";
        String path = "/" + "a".repeat(5000);
        assertThat(Wildcard.matches(pattern, path)).isFalse();
    }

    private static RouteDefinition def(String container, String domain, String pattern) {
        return new RouteDefinition(container, Optional.ofNullable(domain), pattern, ComputeType.AWS_LAMBDA);
    }
}
