package dev.serverlesscontainers.model.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.model.config.ComputeType;
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
    void pathComesFirstThenHostThenFileOrder() {
        RoutingTable table = RoutingTable.of(List.of(
                def("all", null, "/*"), def("api", null, "/api/*"), def("exact", null, "/api/status"),
                def("host", "example.com", "/*"), def("wildhost", "*.example.com", "/*"),
                def("deepwild", "*.shop.example.com", "/*"), def("orders", null, "/api/orders/*")));
        assertThat(table.routes()).extracting(Route::container)
                .containsExactly("exact", "orders", "api", "host", "deepwild", "wildhost", "all");
    }

    @Test
    void aContainersRulesAreLookedUpByItsName() {
        RoutingTable table = RoutingTable.of(List.of(def("all", null, "/*"), def("admin", "admin.example.com", "/*")));
        assertThat(table.routesOf("admin")).extracting(Route::describe).containsExactly("admin.example.com/*");
        assertThat(table.routesOf("all")).singleElement().isEqualTo(table.routes().get(1));
        assertThat(table.routesOf("absent")).isEmpty();
    }

    @Test
    void theOrderIsStableAcrossRunsAndIndependentOfFileOrderExceptTies() {
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
    void aStarInThePatternStaysAWildcardFacingALiteralStar() {
        assertThat(Wildcard.matches("/a*b", "/a*xb")).isTrue();
        assertThat(Wildcard.matches("/a*b", "/a**b")).isTrue();
        assertThat(Wildcard.matches("/a?b", "/a*b")).isTrue();
        assertThat(Wildcard.matches("/a*b", "/a*bx")).isFalse();
    }

    @Test
    void onePatternCoversAnotherOnlyWhenItMatchesEverythingTheOtherDoes() {
        assertThat(Wildcard.covers("/*", "/api/*")).isTrue();
        assertThat(Wildcard.covers("/files/*", "/files/*.txt")).isTrue();
        assertThat(Wildcard.covers("/api*", "/api/*")).isTrue();
        assertThat(Wildcard.covers("/a*b", "/a?b")).isTrue();
        assertThat(Wildcard.covers("/*", "/health")).isTrue();
        assertThat(Wildcard.covers("/api/*", "/api*")).isFalse();
        assertThat(Wildcard.covers("/api/*", "/api")).isFalse();
        assertThat(Wildcard.covers("/a?b", "/a*b")).isFalse();
        assertThat(Wildcard.covers("/files/*/raw", "/files/*")).isFalse();
        assertThat(Wildcard.covers("*.example.com", "shop.example.com")).isTrue();
        assertThat(Wildcard.covers("*.example.com", "example.com")).isFalse();
    }

    @Test
    void aRouteThatAnEarlierOneAlwaysBeatsIsReportedWithThatRoute() {
        RoutingTable table = RoutingTable.of(List.of(
                def("first", null, "/files/*"), def("second", null, "/files/*.txt"),
                def("shop", "shop.example.com", "/api/*"), def("anyshop", "*.example.com", "/api/*"),
                def("any", null, "/api/*"), def("www", "www.example.com", "/api/*")));
        assertThat(table.unreachable()).extracting(u -> u.route().container() + " by " + u.takenBy().container())
                .containsExactly("second by first");
    }

    @Test
    void aRouteWithAHostIsNotHiddenByOneWithoutAndViceVersa() {
        assertThat(RoutingTable.of(List.of(def("any", null, "/*"), def("shop", "shop.example.com", "/*"))).unreachable()).isEmpty();
        RoutingTable hostFirst = RoutingTable.of(List.of(def("wild", "*.example.com", "/x"), def("shop", "shop.example.com", "/x"),
                def("any", null, "/x")));
        assertThat(hostFirst.unreachable()).isEmpty();
        RoutingTable wildHidesNothing = RoutingTable.of(List.of(def("wild", "*.example.com", "/*"), def("deep", "*.a.example.com", "/*")));
        assertThat(wildHidesNothing.routes()).extracting(Route::container).containsExactly("deep", "wild");
        assertThat(wildHidesNothing.unreachable()).isEmpty();
    }

    @Test
    @org.junit.jupiter.api.Timeout(5)
    void coverageGivesUpQuicklyOnHostilePatterns() {
        StringBuilder general = new StringBuilder("/");
        StringBuilder specific = new StringBuilder("/");
        for (int i = 0; i < 300; i++) {
            general.append("*").append((char) ('a' + i % 26)).append('?');
            specific.append((char) ('a' + (i * 7) % 26)).append('*');
        }
        long start = System.nanoTime();
        Wildcard.covers(general.toString(), specific.toString());
        Wildcard.covers(specific.toString(), general.toString());
        assertThat((System.nanoTime() - start) / 1_000_000).as("milliseconds").isLessThan(1000);
    }

    @Test
    @org.junit.jupiter.api.Timeout(5)
    void wildcardMatchingTakesAtMostPatternTimesInputStepsOnHostilePatterns() {
        // many stars before a letter the input lacks: naive backtracking would try every split, exponentially many
        String pattern = "/" + "*a".repeat(20) + "b";
        for (int length : new int[] {1000, 2000, 4000}) {
            String path = "/" + "a".repeat(length);
            assertThat(Wildcard.matches(pattern, path)).isFalse();
            long steps = -1 - Wildcard.steps(pattern, path);
            assertThat(steps).as("steps for an input of " + length).isPositive()
                    .isLessThanOrEqualTo((long) (pattern.length() + 1) * (path.length() + 1));
        }
        String path = "/" + "a".repeat(4000) + "b";
        assertThat(Wildcard.steps(pattern, path)).as("a match is bounded too").isBetween(0L, (long) (pattern.length() + 1) * (path.length() + 1));
    }

    @Test
    void aRoutesLiteralPrefixIsWhatLinksHealthChecksAndOrderingUse() {
        assertThat(Route.literalPrefix("/api/*")).isEqualTo("/api/");
        assertThat(Route.literalPrefix("/v?/items")).isEqualTo("/v");
        assertThat(Route.literalPrefix("/health")).isEqualTo("/health");
        assertThat(dev.serverlesscontainers.model.config.RoutingConfig.defaultHealthCheck("/api/*")).isEqualTo("/api");
        assertThat(dev.serverlesscontainers.model.config.RoutingConfig.defaultHealthCheck("/*")).isEqualTo("/");
    }

    @Test
    void aRouteRepeatingTheHostAndPathOfAnEarlierOneIsADuplicateOfTheFirstWritten() {
        RoutingTable table = RoutingTable.of(List.of(def("a", "x.example.com", "/api/*"), def("b", null, "/api/*"),
                def("c", "x.example.com", "/api/*"), def("d", "x.example.com", "/api/*")));
        assertThat(table.duplicates()).extracting(d -> d.route().container() + " repeats " + d.first().container())
                .containsExactly("c repeats a", "d repeats a");
    }

    private static RouteDefinition def(String container, String domain, String pattern) {
        return new RouteDefinition(container, Optional.ofNullable(domain), pattern, ComputeType.AWS_LAMBDA);
    }
}
