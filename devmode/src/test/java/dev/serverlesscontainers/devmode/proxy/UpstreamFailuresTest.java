package dev.serverlesscontainers.devmode.proxy;

import dev.serverlesscontainers.devmode.target.TargetState;
import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.devmode.testing.RawBackend;
import dev.serverlesscontainers.devmode.testing.Ports;
import dev.serverlesscontainers.devmode.testing.RawHttp;
import dev.serverlesscontainers.model.config.ComputeType;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Each way an instance can fail, and the status the ALB (or a function URL) answers with. */
class UpstreamFailuresTest {

    private static RawHttp.Response through(RawBackend.Behaviour behaviour, UnaryOperator<ProxyOptions> tweak) throws Exception {
        try (RawBackend backend = new RawBackend(behaviour); ProxyHarness h = ProxyHarness.single(ComputeType.AWS_FARGATE_ECS, tweak)) {
            h.serve("web", backend.port());
            return RawHttp.get(h.port(), "x", "/");
        }
    }

    @Test
    void aRefusedConnectionIs502() throws Exception {
        int closed = Ports.closed();
        try (ProxyHarness h = ProxyHarness.single(ComputeType.AWS_FARGATE_ECS, UnaryOperator.identity())) {
            h.serve("web", closed);
            RawHttp.Response r = RawHttp.get(h.port(), "x", "/");
            assertThat(r.status()).isEqualTo(502);
            assertThat(r.text()).contains("<title>502 Bad Gateway</title>");
            assertThat(r.header(Failure.REASON_HEADER)).contains("web refused the connection");
        }
    }

    @Test
    void aConnectionClosedBeforeAnswering502() throws Exception {
        assertThat(through((s, head) -> s.close(), UnaryOperator.identity()).status()).isEqualTo(502);
        RawHttp.Response reset = through((s, head) -> RawBackend.reset(s), UnaryOperator.identity());
        assertThat(reset.status()).isEqualTo(502);
        assertThat(reset.header(Failure.REASON_HEADER)).endsWith("reset the connection before answering");
    }

    @Test
    void aMalformedResponseIs502() throws Exception {
        assertThat(through((s, head) -> RawBackend.write(s, "this is not HTTP\r\n\r\n"), UnaryOperator.identity()).status())
                .isEqualTo(502);
    }

    @Test
    void responseHeadersOver32KAre502() throws Exception {
        String big = "X-Big: " + "h".repeat(33 * 1024) + "\r\n";
        RawHttp.Response r = through((s, head) -> RawBackend.write(s, "HTTP/1.1 200 OK\r\n" + big + "Content-Length: 2\r\n\r\nok"),
                UnaryOperator.identity());
        assertThat(r.status()).isEqualTo(502);
        String fits = "X-Big: " + "h".repeat(30 * 1024) + "\r\n";
        assertThat(through((s, head) -> RawBackend.write(s, "HTTP/1.1 200 OK\r\n" + fits + "Content-Length: 2\r\n\r\nok"),
                UnaryOperator.identity()).status()).isEqualTo(200);
    }

    @Test
    void aSilentTargetIs504AfterTheIdleTimeout() throws Exception {
        long start = System.nanoTime();
        RawHttp.Response r = through((s, head) -> sleep(5000), o -> o.withIdleTimeout(Duration.ofMillis(500)));
        assertThat(r.status()).isEqualTo(504);
        assertThat(r.text()).contains("504 Gateway Time-out");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void aConnectionThatCannotBeMadeInTimeIs504() throws Exception {
        // a listener whose accept queue is full: new connections wait in SYN until they time out
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> fillers = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    Socket f = new Socket();
                    try {
                        f.connect(full.getLocalSocketAddress(), 200);
                    } catch (IOException e) {
                        break; // the queue is full
                    }
                    fillers.add(f);
                }
                try (ProxyHarness h = ProxyHarness.single(ComputeType.AWS_FARGATE_ECS, o -> o.withConnectTimeout(Duration.ofMillis(300)))) {
                    h.serve("web", full.getLocalPort());
                    RawHttp.Response r = RawHttp.get(h.port(), "x", "/");
                    assertThat(r.status()).isEqualTo(504);
                    assertThat(r.header(Failure.REASON_HEADER)).contains("connecting to web timed out");
                }
            } finally {
                for (Socket f : fillers) {
                    f.close();
                }
            }
        }
    }

    @Test
    void aResponseThatBreaksOffCutsTheClientConnection() throws Exception {
        try (RawBackend backend = new RawBackend((s, head) -> {
            RawBackend.write(s, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly ten b");
            RawBackend.reset(s);
        }); ProxyHarness h = ProxyHarness.single(ComputeType.AWS_FARGATE_ECS, UnaryOperator.identity())) {
            h.serve("web", backend.port());
            try (RawHttp http = new RawHttp(h.port())) {
                http.write(RawHttp.request("GET", "x", "/").getBytes());
                RawHttp.Response r = http.read(true);
                assertThat(r.status()).isEqualTo(200);
                byte[] body = http.input().readNBytes(100);
                assertThat(body.length).isLessThan(100);
            }
        }
    }

    @Test
    void noRunningTargetIs503AndACrashedFunctionIs502() throws Exception {
        try (ProxyHarness h = ProxyHarness.start(ProxyHarness.table(
                ProxyHarness.route("fn", null, "/fn/*", ComputeType.AWS_LAMBDA),
                ProxyHarness.route("web", null, "/*", ComputeType.AWS_FARGATE_ECS)), java.util.Map.of(), UnaryOperator.identity())) {
            h.states.put("web", new TargetState.NotServing(TargetState.Why.CRASHED, "web exited with code 1; restarting in 1 s"));
            h.states.put("fn", new TargetState.NotServing(TargetState.Why.CRASHED, "fn exited with code 1"));
            RawHttp.Response web = RawHttp.get(h.port(), "x", "/");
            assertThat(web.status()).isEqualTo(503);
            assertThat(web.text()).contains("503 Service Temporarily Unavailable");
            assertThat(web.header(Failure.REASON_HEADER)).isEqualTo("web exited with code 1; restarting in 1 s");
            RawHttp.Response fn = RawHttp.get(h.port(), "x", "/fn/x");
            assertThat(fn.status()).isEqualTo(502);
            assertThat(fn.text()).isEqualTo("Internal Server Error");
            h.states.put("fn", new TargetState.NotServing(TargetState.Why.STARTING, "fn is starting"));
            assertThat(RawHttp.get(h.port(), "x", "/fn/x").status()).isEqualTo(503);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
