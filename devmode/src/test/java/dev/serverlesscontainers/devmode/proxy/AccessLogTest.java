package dev.serverlesscontainers.devmode.proxy;

import dev.serverlesscontainers.devmode.target.Upstream;
import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.devmode.testing.Await;
import dev.serverlesscontainers.devmode.testing.RawHttp;
import dev.serverlesscontainers.model.config.ComputeType;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** One access line per request, with the rule, the instance, the status and the latency. */
class AccessLogTest {

    @Test
    void eachRequestIsLoggedWithItsRuleStatusAndLatency() throws Exception {
        try (ProxyHarness h = ProxyHarness.start(ProxyHarness.table(ProxyHarness.route("api", null, "/api/*", ComputeType.AWS_FARGATE_ECS)),
                Map.of(), UnaryOperator.identity())) {
            Upstream api = h.serve("api", h.echo("api"));
            RawHttp.get(h.port(), "x", "/api/orders?page=2");
            RawHttp.get(h.port(), "x", "/nope");
            Await.until("two access lines", Duration.ofSeconds(5), () -> h.accessLog.size() == 2);
            assertThat(h.accessLog.get(0).describe())
                    .matches("GET /api/orders\\?page=2 -> api \\(rule /api/\\*, " + api.instanceId() + "\\): 200 in \\d+ ms");
            assertThat(h.accessLog.get(1).describe())
                    .matches("GET /nope -> \\(no rule\\): 404 in \\d+ ms: no routing rule matches host x and path /nope");
        }
    }
}
