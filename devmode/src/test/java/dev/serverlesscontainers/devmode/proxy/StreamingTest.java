package dev.serverlesscontainers.devmode.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.devmode.testing.Await;
import dev.serverlesscontainers.devmode.testing.RawHttp;
import dev.serverlesscontainers.model.config.ComputeType;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Fargate containers: bodies stream both ways, connections are kept alive, WebSocket upgrades tunnel through. */
class StreamingTest {
    private ProxyHarness h;
    private final CompletableFuture<Void> releaseResponse = new CompletableFuture<>();
    private final CompletableFuture<String> firstPartReceived = new CompletableFuture<>();

    @BeforeEach
    void start() throws Exception {
        h = ProxyHarness.single(ComputeType.AWS_FARGATE_ECS, UnaryOperator.identity());
        Handler<HttpServerRequest> echo = ProxyHarness.echoHandler("web");
        h.serve("web", Await.result(h.vertx.createHttpServer(new HttpServerOptions())
                .webSocketHandler(ws -> ws.textMessageHandler(text -> ws.writeTextMessage("echo: " + text)))
                .requestHandler(request -> {
                    if (request.path().equals("/download")) {
                        int chunks = Integer.parseInt(request.getParam("mb"));
                        request.response().setChunked(true);
                        writeChunks(request, chunks);
                    } else if (request.path().equals("/held")) {
                        // the first chunk now, the rest only when the test says so
                        Context context = Vertx.currentContext();
                        request.response().setChunked(true).write("first chunk;");
                        releaseResponse.thenRun(() -> context.runOnContext(v -> request.response().end("the rest")));
                    } else if (request.path().equals("/held-upload")) {
                        StringBuilder received = new StringBuilder();
                        request.handler(b -> {
                            received.append(b.toString(StandardCharsets.UTF_8));
                            if (received.toString().contains("first part;")) {
                                firstPartReceived.complete(received.toString());
                            }
                        });
                        request.endHandler(v -> request.response().end("received " + received));
                    } else if (request.path().equals("/page")) {
                        request.response().putHeader("content-length", "11");
                        request.response().end(request.method().name().equals("HEAD") ? Buffer.buffer() : Buffer.buffer("hello world"));
                    } else {
                        echo.handle(request);
                    }
                }).listen(0, "127.0.0.1")));
    }

    /** Writes 1 MB chunks, honouring back-pressure. */
    private static void writeChunks(HttpServerRequest request, int left) {
        if (left == 0) {
            request.response().end();
            return;
        }
        request.response().write(Buffer.buffer(new byte[1024 * 1024]));
        if (request.response().writeQueueFull()) {
            request.response().drainHandler(v -> writeChunks(request, left - 1));
        } else {
            writeChunks(request, left - 1);
        }
    }

    @AfterEach
    void stop() {
        releaseResponse.complete(null);
        h.close();
    }

    @Test
    void aLargeChunkedUploadStreamsThrough() throws Exception {
        try (RawHttp http = new RawHttp(h.port())) {
            http.write("PUT /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            LambdaLimitsTest.writeChunked(http.output(), 64 * 1024 * 1024);
            JsonObject echo = new JsonObject(http.read(false).text());
            assertThat(echo.getLong("bodyBytes")).isEqualTo(64L * 1024 * 1024);
            assertThat(echo.getJsonObject("headers").getString("transfer-encoding")).isEqualTo("chunked");
        }
    }

    @Test
    void theClientReceivesTheFirstChunkWhileTheBackendIsStillWriting() throws Exception {
        try (RawHttp http = new RawHttp(h.port())) {
            http.write(RawHttp.request("GET", "x", "/held").getBytes(StandardCharsets.ISO_8859_1));
            assertThat(readUntil(http.input(), "first chunk;")).startsWith("HTTP/1.1 200 ");
            assertThat(releaseResponse).as("the backend has not finished its response").isNotDone();
            releaseResponse.complete(null);
            assertThat(readUntil(http.input(), "\r\n0\r\n\r\n")).contains("the rest");
        }
    }

    @Test
    void theBackendReceivesTheFirstPartOfAnUploadWhileTheClientIsStillSending() throws Exception {
        try (RawHttp http = new RawHttp(h.port())) {
            http.write("POST /held-upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nb\r\nfirst part;\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            assertThat(firstPartReceived.get(10, TimeUnit.SECONDS)).isEqualTo("first part;");
            http.write("9\r\nthe rest.\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            assertThat(http.read(false).text()).isEqualTo("received first part;the rest.");
        }
    }

    /** Reads the raw bytes until {@code marker} arrived (or the socket's read timeout); what was read. */
    private static String readUntil(InputStream in, String marker) throws IOException {
        StringBuilder read = new StringBuilder();
        byte[] buffer = new byte[8192];
        while (!read.toString().contains(marker)) {
            int n = in.read(buffer);
            if (n < 0) {
                throw new AssertionError("the connection closed before " + marker + " arrived: " + read);
            }
            read.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
        }
        return read.toString();
    }

    @Test
    void aLargeDownloadStreamsThrough() throws Exception {
        RawHttp.Response r = RawHttp.get(h.port(), "x", "/download?mb=32");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).hasSize(32 * 1024 * 1024);
    }

    @Test
    void aConnectionIsKeptAliveAcrossRequests() throws Exception {
        try (RawHttp http = new RawHttp(h.port())) {
            http.write((RawHttp.request("POST", "x", "/a", "Content-Length: 5") + "hello").getBytes(StandardCharsets.ISO_8859_1));
            assertThat(new JsonObject(http.read(false).text()).getLong("bodyBytes")).isEqualTo(5);
            http.write(RawHttp.request("GET", "x", "/b").getBytes(StandardCharsets.ISO_8859_1));
            assertThat(new JsonObject(http.read(false).text()).getString("uri")).isEqualTo("/b");
        }
    }

    @Test
    void headAnswersKeepTheLengthWithoutABody() throws Exception {
        try (RawHttp http = new RawHttp(h.port())) {
            RawHttp.Response r = http.send(RawHttp.request("HEAD", "x", "/page"), true);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("content-length")).isEqualTo("11");
            http.write(RawHttp.request("GET", "x", "/after").getBytes(StandardCharsets.ISO_8859_1));
            assertThat(http.read(false).text()).contains("/after");
        }
    }

    @Test
    void aWebSocketUpgradeTunnelsThrough() {
        WebSocket ws = Await.result(h.vertx.createWebSocketClient().connect(new WebSocketConnectOptions()
                .setHost("127.0.0.1").setPort(h.port()).setURI("/socket")));
        Promise<String> reply = Promise.promise();
        ws.textMessageHandler(reply::tryComplete);
        ws.writeTextMessage("hi");
        assertThat(Await.result(reply.future())).isEqualTo("echo: hi");
        Await.result(ws.close());
        assertThat(h.accessLog).anySatisfy(e -> assertThat(e.status()).isEqualTo(101));
    }

    @Test
    void aWebSocketExtensionIsNegotiatedWithTheApp() {
        // the app (a Vert.x server, per-message deflate on by default) answers the offer, not the proxy
        WebSocket ws = Await.result(h.vertx.createWebSocketClient(new WebSocketClientOptions().setTryUsePerMessageCompression(true))
                .connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(h.port()).setURI("/socket")));
        assertThat(ws.headers().get("sec-websocket-extensions")).startsWith("permessage-deflate");
        Promise<String> reply = Promise.promise();
        ws.textMessageHandler(reply::tryComplete);
        String text = "compressed ".repeat(200);
        ws.writeTextMessage(text);
        assertThat(Await.result(reply.future())).isEqualTo("echo: " + text);
        Await.result(ws.close());
    }
}
