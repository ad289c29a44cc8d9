package dev.serverlesscontainers.devmode.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.devmode.testing.RawHttp;
import dev.serverlesscontainers.model.config.ComputeType;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class LocalDomainsTest {

    @Test
    void dotLocalhostIsRemovedBeforeMatching() {
        assertThat(LocalDomains.routingHost("admin.example.com.localhost:3000")).isEqualTo("admin.example.com");
        assertThat(LocalDomains.routingHost("Admin.Example.COM.localhost.")).isEqualTo("admin.example.com");
        assertThat(LocalDomains.routingHost("localhost:3000")).isEqualTo("localhost");
        assertThat(LocalDomains.routingHost("admin.example.com")).isEqualTo("admin.example.com");
        assertThat(LocalDomains.routingHost(null)).isEmpty();
    }

    @Test
    void aDomainRoutedContainerIsReachableThroughLocalhost() throws Exception {
        try (ProxyHarness h = ProxyHarness.start(ProxyHarness.table(
                ProxyHarness.route("admin", "admin.example.com", "/*", ComputeType.AWS_LAMBDA),
                ProxyHarness.route("web", null, "/*", ComputeType.AWS_FARGATE_ECS)), Map.of(), UnaryOperator.identity())) {
            h.serve("admin", h.echo("admin"));
            h.serve("web", h.echo("web"));
            JsonObject admin = new JsonObject(RawHttp.get(h.port(), "admin.example.com.localhost:" + h.port(), "/users").text());
            assertThat(admin.getString("name")).isEqualTo("admin");
            assertThat(admin.getJsonObject("headers").getString("host")).isEqualTo("admin.example.com.localhost:" + h.port());
            assertThat(new JsonObject(RawHttp.get(h.port(), "localhost:" + h.port(), "/users").text()).getString("name")).isEqualTo("web");
            assertThat(new JsonObject(RawHttp.get(h.port(), "admin.example.com", "/").text()).getString("name")).isEqualTo("admin");
        }
    }
}
