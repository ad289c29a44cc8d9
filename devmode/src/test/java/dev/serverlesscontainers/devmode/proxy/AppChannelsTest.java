package dev.serverlesscontainers.devmode.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.devmode.target.Upstream;
import dev.serverlesscontainers.devmode.testing.Await;
import dev.serverlesscontainers.devmode.testing.RawHttp;
import dev.serverlesscontainers.model.config.ComputeType;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.net.NetServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The connections the proxy keeps to an {@code awsFargateEcs} instance: how many, how long, and when they are given up. */
class AppChannelsTest {

    @Test
    void atMostSixtyFourConnectionsGoToAnInstanceAndFurtherRequestsWaitTheirTurn() throws Exception {
        try (ProxyHarness h = ProxyHarness.single(ComputeType.AWS_FARGATE_ECS, UnaryOperator.identity())) {
            AtomicInteger open = new AtomicInteger();
            AtomicInteger mostOpen = new AtomicInteger();
            AtomicInteger accepted = new AtomicInteger();
            HttpServer app = Await.result(h.vertx.createHttpServer()
                    .connectionHandler(c -> {
                        accepted.incrementAndGet();
                        mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
                        c.closeHandler(v -> open.decrementAndGet());
                    })
                    .requestHandler(r -> h.vertx.setTimer(300, t -> r.response().end("ok")))
                    .listen(0, "127.0.0.1"));
            h.serve("web", app);
            int clients = Origins.MAX_CONNECTIONS + 16;
            ExecutorService threads = Executors.newFixedThreadPool(clients);
            List<CompletableFuture<RawHttp.Response>> answers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                answers.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return RawHttp.get(h.port(), "x", "/");
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                }, threads));
            }
            for (CompletableFuture<RawHttp.Response> answer : answers) {
                RawHttp.Response r = answer.get(20, TimeUnit.SECONDS);
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.text()).isEqualTo("ok");
            }
            threads.shutdown();
            assertThat(mostOpen.get()).isEqualTo(Origins.MAX_CONNECTIONS);
            assertThat(accepted.get()).as("the waiting requests took the connections others gave back").isEqualTo(Origins.MAX_CONNECTIONS);
        }
    }

    @Test
    void aConnectionIsNotLentPastTheAppsShorterKeepAlive() throws Exception {
        try (ProxyHarness h = ProxyHarness.single(ComputeType.AWS_FARGATE_ECS, UnaryOperator.identity())) {
            AtomicInteger accepted = new AtomicInteger();
            // announces 1 s (but keeps the connection open): after 1 s idle, the proxy must take it as closed
            HttpServer app = Await.result(h.vertx.createHttpServer()
                    .connectionHandler(c -> accepted.incrementAndGet())
                    .requestHandler(r -> r.response().putHeader("keep-alive", "timeout=1").end("ok"))
                    .listen(0, "127.0.0.1"));
            h.serve("web", app);
            assertThat(RawHttp.get(h.port(), "x", "/").text()).isEqualTo("ok");
            assertThat(RawHttp.get(h.port(), "x", "/").text()).isEqualTo("ok");
            assertThat(accepted.get()).as("reused while fresh").isEqualTo(1);
            Thread.sleep(1200);
            assertThat(RawHttp.get(h.port(), "x", "/").text()).isEqualTo("ok");
            assertThat(accepted.get()).as("not reused after the app's keep-alive").isEqualTo(2);
        }
    }

    @Test
    void anInterimResponseIsNotTakenForTheAnswer() throws Exception {
        try (ProxyHarness h = ProxyHarness.single(ComputeType.AWS_FARGATE_ECS, UnaryOperator.identity())) {
            h.serve("web", h.backend(r -> r.response().writeEarlyHints(MultiMap.caseInsensitiveMultiMap().add("link", "</a.css>; rel=preload"))
                    .onComplete(v -> r.response().end("final"))));
            RawHttp.Response first = RawHttp.get(h.port(), "x", "/");
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.text()).isEqualTo("final");
            // and the connection it came on is still good for the next request
            assertThat(RawHttp.get(h.port(), "x", "/").text()).isEqualTo("final");
        }
    }

    @Test
    void retiringAnInstanceClosesItsConnections() throws Exception {
        try (ProxyHarness h = ProxyHarness.single(ComputeType.AWS_FARGATE_ECS, UnaryOperator.identity())) {
            AtomicInteger open = new AtomicInteger();
            HttpServer app = Await.result(h.vertx.createHttpServer()
                    .connectionHandler(c -> {
                        open.incrementAndGet();
                        c.closeHandler(v -> open.decrementAndGet());
                    })
                    .requestHandler(r -> r.response().end("ok"))
                    .listen(0, "127.0.0.1"));
            Upstream instance = h.serve("web", app);
            assertThat(RawHttp.get(h.port(), "x", "/").text()).isEqualTo("ok");
            assertThat(open.get()).isEqualTo(1);
            instance.close();
            Await.until("the retired instance's connection to be closed", Duration.ofSeconds(1), () -> open.get() == 0);
        }
    }

    @Test
    void bytesTheAppSendsUnaskedEndTheConnectionNotTheNextAnswer() throws Exception {
        try (ProxyHarness h = ProxyHarness.single(ComputeType.AWS_FARGATE_ECS, UnaryOperator.identity())) {
            AtomicInteger accepted = new AtomicInteger();
            // answers each request, then 50 ms later sends a second, unasked response on the same connection
            NetServer app = Await.result(h.vertx.createNetServer().connectHandler(socket -> {
                int n = accepted.incrementAndGet();
                socket.handler(bytes -> {
                    if (bytes.toString().contains("\r\n\r\n")) {
                        socket.write(response("answer " + n));
                        h.vertx.setTimer(50, t -> socket.write(response("stray")));
                    }
                });
            }).listen(0, "127.0.0.1"));
            h.serve("web", app.actualPort());
            assertThat(RawHttp.get(h.port(), "x", "/").text()).isEqualTo("answer 1");
            Thread.sleep(200);
            assertThat(RawHttp.get(h.port(), "x", "/").text()).as("a new connection, not the stray response").isEqualTo("answer 2");
        }
    }

    private static Buffer response(String body) {
        return Buffer.buffer("HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
    }
}
