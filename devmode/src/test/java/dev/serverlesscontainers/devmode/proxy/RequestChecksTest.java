package dev.serverlesscontainers.devmode.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.devmode.testing.RawHttp;
import dev.serverlesscontainers.model.config.ComputeType;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the ALB refuses before routing, over real HTTP. */
class RequestChecksTest {
    private ProxyHarness h;

    @BeforeEach
    void start() throws Exception {
        h = ProxyHarness.single(ComputeType.AWS_FARGATE_ECS, UnaryOperator.identity());
        h.serve("web", h.echo("web"));
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void traceIs405() throws Exception {
        assertThat(RawHttp.exchange(h.port(), RawHttp.request("TRACE", "x", "/")).status()).isEqualTo(405);
    }

    @Test
    void anUnsupportedTransferEncodingIs501() throws Exception {
        RawHttp.Response r = RawHttp.exchange(h.port(), "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n");
        assertThat(r.status()).isEqualTo(501);
        assertThat(r.text()).contains("<title>501 Not Implemented</title>");
    }

    @Test
    void aMissingHostIs400() throws Exception {
        assertThat(RawHttp.exchange(h.port(), "GET / HTTP/1.1\r\n\r\n").status()).isEqualTo(400);
    }

    @Test
    void aMalformedRequestIs400AndTheConnectionIsClosed() throws Exception {
        try (RawHttp http = new RawHttp(h.port())) {
            RawHttp.Response r = http.send("GET / HTTP/1.1\r\nHost: x\r\nthis is not a header\r\n\r\n", false);
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.text()).contains("<h1>400 Bad Request</h1>");
            assertThat(http.closedByServer()).isTrue();
        }
    }

    @Test
    void aSingleHeaderOver16KIs400() throws Exception {
        String fits = "X-Big: " + "a".repeat(RequestChecks.MAX_SINGLE_HEADER_BYTES - 7);
        assertThat(RawHttp.get(h.port(), "x", "/", fits).status()).isEqualTo(200);
        RawHttp.Response r = RawHttp.get(h.port(), "x", "/", fits + "a");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.header(Failure.REASON_HEADER)).contains("X-Big");
    }

    @Test
    void headersOver64KIn400() throws Exception {
        String[] headers = new String[5];
        for (int i = 0; i < headers.length; i++) {
            headers[i] = "X-Part-" + i + ": " + "b".repeat(15_000);
        }
        assertThat(RawHttp.get(h.port(), "x", "/", headers[0], headers[1], headers[2], headers[3]).status()).isEqualTo(200);
        assertThat(RawHttp.get(h.port(), "x", "/", headers).status()).isEqualTo(400);
    }

    @Test
    void aRequestLineOver16KIs400() throws Exception {
        assertThat(RawHttp.get(h.port(), "x", "/" + "p".repeat(16_000)).status()).isEqualTo(200);
        assertThat(RawHttp.get(h.port(), "x", "/" + "p".repeat(16_400)).status()).isEqualTo(400);
    }
}
