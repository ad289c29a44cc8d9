package dev.serverlesscontainers.devmode.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.devmode.testing.RawHttp;
import dev.serverlesscontainers.model.config.ComputeType;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import java.util.Collections;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class ForwardedHeadersTest {

    @Test
    void appendsTheClientAddressAndSetsProtoAndPort() {
        MultiMap h = MultiMap.caseInsensitiveMultiMap().add("X-Forwarded-For", "203.0.113.9").add("X-Forwarded-Proto", "https")
                .add("X-Forwarded-Port", "443");
        ForwardedHeaders.apply(h, "127.0.0.1", "http", 3000);
        assertThat(h.getAll("x-forwarded-for")).containsExactly("203.0.113.9, 127.0.0.1");
        assertThat(h.get("x-forwarded-proto")).isEqualTo("http");
        assertThat(h.get("x-forwarded-port")).isEqualTo("3000");

        MultiMap fresh = MultiMap.caseInsensitiveMultiMap();
        ForwardedHeaders.apply(fresh, "127.0.0.1", "http", 3000);
        assertThat(fresh.get("x-forwarded-for")).isEqualTo("127.0.0.1");
    }

    @Test
    void countsAddressesAcrossRepeatedHeaders() {
        MultiMap h = MultiMap.caseInsensitiveMultiMap().add("X-Forwarded-For", "1.1.1.1, 2.2.2.2").add("X-Forwarded-For", "3.3.3.3");
        assertThat(ForwardedHeaders.addressCount(h)).isEqualTo(3);
    }

    @Test
    void theAppSeesTheForwardedHeadersAndTheOriginalHost() throws Exception {
        try (ProxyHarness h = ProxyHarness.single(ComputeType.AWS_FARGATE_ECS, UnaryOperator.identity())) {
            h.serve("web", h.echo("web"));
            RawHttp.Response r = RawHttp.get(h.port(), "shop.example.com:8443", "/cart?x=1", "X-Forwarded-For: 198.51.100.7",
                    "X-Forwarded-Proto: https");
            JsonObject headers = new JsonObject(r.text()).getJsonObject("headers");
            assertThat(headers.getString("x-forwarded-for")).isEqualTo("198.51.100.7, 127.0.0.1");
            assertThat(headers.getString("x-forwarded-proto")).isEqualTo("http");
            assertThat(headers.getString("x-forwarded-port")).isEqualTo(String.valueOf(h.port()));
            assertThat(headers.getString("host")).isEqualTo("shop.example.com:8443");
            assertThat(new JsonObject(r.text()).getString("uri")).isEqualTo("/cart?x=1");
        }
    }

    @Test
    void moreThanThirtyForwardedAddressesAre463() throws Exception {
        try (ProxyHarness h = ProxyHarness.single(ComputeType.AWS_FARGATE_ECS, UnaryOperator.identity())) {
            h.serve("web", h.echo("web"));
            String thirty = String.join(", ", Collections.nCopies(30, "10.0.0.1"));
            assertThat(RawHttp.get(h.port(), "x", "/", "X-Forwarded-For: " + thirty).status()).isEqualTo(200);
            RawHttp.Response r = RawHttp.get(h.port(), "x", "/", "X-Forwarded-For: " + thirty + ", 10.0.0.2");
            assertThat(r.status()).isEqualTo(463);
            assertThat(r.header(Failure.REASON_HEADER)).contains("31 addresses");
        }
    }
}
