package dev.serverlesscontainers.devmode.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.devmode.testing.RawHttp;
import dev.serverlesscontainers.model.routing.RouteDefinition;
import dev.serverlesscontainers.model.routing.RoutingVectors;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The shared routing vectors, sent over real HTTP through the proxy to one real backend per container. */
class AlbRoutingVectorsTest {

    @TestFactory
    Stream<DynamicTest> everyVectorRoutesToTheExpectedContainer() {
        List<DynamicTest> tests = new ArrayList<>();
        for (RoutingVectors.Table table : RoutingVectors.tables()) {
            tests.add(DynamicTest.dynamicTest(table.name(), () -> {
                try (ProxyHarness h = ProxyHarness.start(table.routingTable(), Map.of(), UnaryOperator.identity())) {
                    Set<String> containers = new LinkedHashSet<>();
                    table.routes().stream().map(RouteDefinition::container).forEach(containers::add);
                    for (String c : containers) {
                        h.serve(c, h.echo(c));
                    }
                    for (RoutingVectors.Case c : table.cases()) {
                        RawHttp.Response r = RawHttp.get(h.port(), c.host(), c.path());
                        if (c.expect().isPresent()) {
                            assertThat(r.status()).as(c.toString()).isEqualTo(200);
                            assertThat(r.text()).as(c.toString()).contains("\"name\":\"" + c.expect().get() + "\"");
                        } else {
                            assertThat(r.status()).as(c.toString()).isEqualTo(404);
                            assertThat(r.text()).as(c.toString()).isEqualTo("Not Found");
                            assertThat(r.header("content-type")).as("as the CloudFront Function answers").isEqualTo("text/plain; charset=utf-8");
                        }
                    }
                }
            }));
        }
        return tests.stream();
    }
}
