package dev.serverlesscontainers.devmode.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.devmode.testing.RawHttp;
import dev.serverlesscontainers.model.config.ComputeType;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An awsLambda container answers as its function URL would: payload limits, timeout, adapter headers. */
class LambdaLimitsTest {
    private static final int LIMIT = (int) LambdaExchange.MAX_REQUEST_BYTES;
    private ProxyHarness h;
    private final AtomicInteger calls = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        h = ProxyHarness.start(ProxyHarness.table(ProxyHarness.route("api", null, "/*", ComputeType.AWS_LAMBDA)),
                Map.of("api", new LambdaFunction("hello-dev-api-fn", 512, Duration.ofSeconds(1), "eu-west-1", false)), UnaryOperator.identity());
        Handler<HttpServerRequest> echo = ProxyHarness.echoHandler("api");
        h.serve("api", h.backend(request -> {
            calls.incrementAndGet();
            String path = request.path();
            if (path.startsWith("/sleep")) {
                h.vertx.setTimer(3000, t -> request.response().end("late"));
            } else if (path.startsWith("/big")) {
                int size = Integer.parseInt(request.getParam("bytes"));
                if (request.getParam("chunked") != null) {
                    request.response().setChunked(true);
                    request.response().write(Buffer.buffer(new byte[size / 2]));
                    request.response().end(Buffer.buffer(new byte[size - size / 2]));
                } else {
                    request.response().end(Buffer.buffer(new byte[size]));
                }
            } else {
                echo.handle(request);
            }
        }));
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void theAppGetsTheLambdaWebAdapterContextHeaders() throws Exception {
        long before = System.currentTimeMillis();
        RawHttp.Response r = RawHttp.get(h.port(), "api.example.com", "/orders/7?x=1", "User-Agent: test-agent");
        JsonObject headers = new JsonObject(r.text()).getJsonObject("headers");
        JsonObject request = new JsonObject(headers.getString("x-amzn-request-context"));
        assertThat(request.getString("routeKey")).isEqualTo("$default");
        assertThat(request.getString("domainName")).isEqualTo("api.example.com");
        assertThat(request.getJsonObject("http").getString("method")).isEqualTo("GET");
        assertThat(request.getJsonObject("http").getString("path")).isEqualTo("/orders/7");
        assertThat(request.getJsonObject("http").getString("sourceIp")).isEqualTo("127.0.0.1");
        assertThat(request.getJsonObject("http").getString("userAgent")).isEqualTo("test-agent");
        JsonObject lambda = new JsonObject(headers.getString("x-amzn-lambda-context"));
        assertThat(lambda.getString("invoked_function_arn")).isEqualTo("arn:aws:lambda:eu-west-1:000000000000:function:hello-dev-api-fn");
        assertThat(lambda.getJsonObject("env_config").getString("function_name")).isEqualTo("hello-dev-api-fn");
        assertThat(lambda.getJsonObject("env_config").getInteger("memory")).isEqualTo(512);
        assertThat(lambda.getLong("deadline")).isBetween(before + 1000, System.currentTimeMillis() + 1000);
        assertThat(lambda.getString("request_id")).isEqualTo(request.getString("requestId"));
        assertThat(headers.getString("x-amzn-trace-id")).startsWith("Root=1-");
    }

    @Test
    void aChunkedRequestReachesTheAppWithALength() throws Exception {
        try (RawHttp http = new RawHttp(h.port())) {
            http.write("POST /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            writeChunked(http.output(), 1_000_000);
            JsonObject echo = new JsonObject(http.read(false).text());
            assertThat(echo.getLong("bodyBytes")).isEqualTo(1_000_000);
            assertThat(echo.getJsonObject("headers").getString("content-length")).isEqualTo("1000000");
            assertThat(echo.getJsonObject("headers").containsKey("transfer-encoding")).isFalse();
        }
    }

    @Test
    void aRequestOverSixMegabytesIs413WithoutCallingTheFunction() throws Exception {
        int before = calls.get();
        try (RawHttp http = new RawHttp(h.port())) {
            RawHttp.Response r = http.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: " + (LIMIT + 1) + "\r\n\r\n", false);
            assertThat(r.status()).isEqualTo(413);
            assertThat(r.text()).isEqualTo("Request Entity Too Large");
            assertThat(http.closedByServer()).isTrue();
        }
        try (RawHttp http = new RawHttp(h.port())) {
            http.write("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            try {
                writeChunked(http.output(), LIMIT + 10);
            } catch (IOException closedEarly) {
                // the proxy may refuse and close before the whole body is sent
            }
            assertThat(http.read(false).status()).isEqualTo(413);
        }
        assertThat(calls.get()).isEqualTo(before);
        try (RawHttp http = new RawHttp(h.port())) {
            http.write(("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: " + LIMIT + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            http.write(new byte[LIMIT]);
            assertThat(new JsonObject(http.read(false).text()).getLong("bodyBytes")).isEqualTo(LIMIT);
        }
    }

    @Test
    void aClientThatSendsItsWholeBodyBeforeReadingStillReadsThe413() throws Exception {
        // as curl and most HTTP clients upload: the whole body first, then the answer. A proxy that
        // closed at once, with the body unread, would reset the connection under the client's writes
        int bytes = 3 * LIMIT;
        try (RawHttp http = new RawHttp(h.port()).timeout(20_000)) {
            http.write(("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: " + bytes + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            byte[] part = new byte[64 * 1024];
            for (int sent = 0; sent < bytes; sent += part.length) {
                http.write(part);
            }
            RawHttp.Response r = http.read(false);
            assertThat(r.status()).isEqualTo(413);
            assertThat(r.header("connection")).isEqualTo("close");
            assertThat(http.closedByServer()).isTrue();
        }
    }

    @Test
    void aResponseOverTheLimitIs502() throws Exception {
        long max = LambdaExchange.MAX_RESPONSE_BYTES;
        assertThat(RawHttp.get(h.port(), "x", "/big?bytes=" + max).body()).hasSize((int) max);
        RawHttp.Response declared = RawHttp.get(h.port(), "x", "/big?bytes=" + (max + 1));
        assertThat(declared.status()).isEqualTo(502);
        assertThat(declared.text()).isEqualTo("Internal Server Error");
        RawHttp.Response streamed = RawHttp.get(h.port(), "x", "/big?chunked=1&bytes=" + (max + 1));
        assertThat(streamed.status()).isEqualTo(502);
        assertThat(streamed.header(Failure.REASON_HEADER)).contains("response payload limit");
    }

    @Test
    void anInvocationPastTheTimeoutIs502() throws Exception {
        long start = System.nanoTime();
        RawHttp.Response r = RawHttp.get(h.port(), "x", "/sleep");
        assertThat(r.status()).isEqualTo(502);
        assertThat(r.header(Failure.REASON_HEADER)).contains("timed out after 1 s");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(900), Duration.ofMillis(2900));
    }

    @Test
    void functionUrlsDoNotUpgradeConnections() throws Exception {
        RawHttp.Response r = RawHttp.get(h.port(), "x", "/ws", "Connection: Upgrade", "Upgrade: websocket",
                "Sec-WebSocket-Version: 13", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==");
        assertThat(r.status()).isEqualTo(200);
        JsonObject headers = new JsonObject(r.text()).getJsonObject("headers");
        assertThat(headers.containsKey("upgrade")).isFalse();
    }

    static void writeChunked(OutputStream out, int total) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        int left = total;
        while (left > 0) {
            int n = Math.min(chunk.length, left);
            out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(chunk, 0, n);
            out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            left -= n;
        }
        out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }
}
