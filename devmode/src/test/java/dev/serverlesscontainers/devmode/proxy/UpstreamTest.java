package dev.serverlesscontainers.devmode.proxy;

import dev.serverlesscontainers.devmode.target.Upstream;
import dev.serverlesscontainers.devmode.target.TargetState;
import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.devmode.testing.Await;
import dev.serverlesscontainers.devmode.testing.Ports;
import dev.serverlesscontainers.devmode.testing.RawHttp;
import dev.serverlesscontainers.model.config.ComputeType;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** In-flight counting, draining, and the one retry allowed when an instance being replaced cannot be reached. */
class UpstreamTest {

    @Test
    void drainingWaitsForRequestsInFlightThenRefusesNewOnes() throws Exception {
        try (ProxyHarness h = ProxyHarness.single(ComputeType.AWS_FARGATE_ECS, UnaryOperator.identity())) {
            Upstream old = h.serve("web", h.backend(r -> h.vertx.setTimer(700, t -> r.response().end("old"))));
            CompletableFuture<RawHttp.Response> slow = CompletableFuture.supplyAsync(() -> {
                try {
                    return RawHttp.get(h.port(), "x", "/slow");
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            Await.until("the slow request to be in flight", Duration.ofSeconds(5), () -> old.inFlight() == 1);
            h.serve("web", h.echo("new"));
            long start = System.nanoTime();
            assertThat(old.drain(Duration.ofSeconds(5))).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(300));
            assertThat(slow.get(5, TimeUnit.SECONDS).text()).isEqualTo("old");
            assertThat(old.tryAcquire()).isFalse();
            assertThat(new JsonObject(RawHttp.get(h.port(), "x", "/").text()).getString("name")).isEqualTo("new");
        }
    }

    @Test
    void drainingGivesUpAfterItsLimit() throws Exception {
        try (ProxyHarness h = ProxyHarness.single(ComputeType.AWS_FARGATE_ECS, UnaryOperator.identity())) {
            Upstream u = h.serve("web", h.echo("web"));
            assertThat(u.tryAcquire()).isTrue();
            assertThat(u.drain(Duration.ofMillis(100))).isFalse();
            assertThat(u.retired()).isTrue();
            u.release();
            assertThat(u.tryAcquire()).isFalse();
            long start = System.nanoTime();
            assertThat(u.drain(Duration.ofSeconds(5))).as("an upstream closed before has nothing to drain").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        }
    }

    @Test
    void anIdempotentRequestToAnInstanceBeingReplacedIsRetriedOnTheCurrentOne() throws Exception {
        int gone = Ports.closed();
        try (ProxyHarness h = ProxyHarness.single(ComputeType.AWS_FARGATE_ECS, UnaryOperator.identity())) {
            Upstream current = h.serve("web", h.echo("current"));
            Upstream replaced = h.serve("web", gone);
            // the first lookup still sees the old instance; by the time connecting fails, the new one is current
            java.util.concurrent.atomic.AtomicBoolean first = new java.util.concurrent.atomic.AtomicBoolean(true);
            h.states.clear();
            TargetState old = new TargetState.Serving(replaced);
            TargetState now = new TargetState.Serving(current);
            h.states.put("web", old);
            h.stateOverride = container -> first.getAndSet(false) ? old : now;

            RawHttp.Response get = RawHttp.get(h.port(), "x", "/retry-me");
            assertThat(get.status()).isEqualTo(200);
            assertThat(new JsonObject(get.text()).getString("name")).isEqualTo("current");

            first.set(true);
            RawHttp.Response post = RawHttp.exchange(h.port(), RawHttp.request("POST", "x", "/not-twice", "Content-Length: 0"));
            assertThat(post.status()).isEqualTo(502);

            // when the failing instance is still the current one, nothing is retried
            h.stateOverride = container -> old;
            assertThat(RawHttp.get(h.port(), "x", "/").status()).isEqualTo(502);
            Await.until("every request counted out", Duration.ofSeconds(5), () -> current.inFlight() == 0 && replaced.inFlight() == 0);
        }
    }

    @Test
    void anIdleConnectionIsClosedAfterOurBoundWhenTheAppAnnouncesNoKeepAlive() throws Exception {
        try (ProxyHarness h = ProxyHarness.single(ComputeType.AWS_FARGATE_ECS, UnaryOperator.identity())) {
            AtomicInteger open = new AtomicInteger();
            h.serve("web", countingApp(h, open, new AtomicInteger(), null));
            assertThat(RawHttp.get(h.port(), "x", "/").text()).isEqualTo("ok");
            assertThat(open.get()).isEqualTo(1);
            long start = System.nanoTime();
            Await.until("the pooled connection to be closed", Duration.ofSeconds(6), () -> open.get() == 0);
            // the app may close it on its own timer at any moment: it is not kept long enough to race it
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .isLessThan(Duration.ofMillis(Origins.KEEP_ALIVE_SECONDS * 1000L + Origins.SWEEP_MILLIS + 1000));
        }
    }

    @Test
    void anAppThatAnnouncesALongerKeepAliveKeepsItsConnectionUntilASecondBeforeItsDeadline() throws Exception {
        try (ProxyHarness h = ProxyHarness.single(ComputeType.AWS_FARGATE_ECS, UnaryOperator.identity())) {
            AtomicInteger open = new AtomicInteger();
            AtomicInteger accepted = new AtomicInteger();
            h.serve("web", countingApp(h, open, accepted, "timeout=4"));
            assertThat(RawHttp.get(h.port(), "x", "/").text()).isEqualTo("ok");
            // idle past our own bound, inside the app's: the pause of a load test, after which the connection is reused
            Thread.sleep(Origins.KEEP_ALIVE_SECONDS * 1000L + 500);
            assertThat(RawHttp.get(h.port(), "x", "/").text()).isEqualTo("ok");
            assertThat(accepted.get()).isEqualTo(1);
            long start = System.nanoTime();
            Await.until("the pooled connection to be closed", Duration.ofSeconds(8), () -> open.get() == 0);
            // closed after 3 s idle (4 less a second), before the app would close it
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(3))
                    .isLessThan(Duration.ofMillis(3000L + Origins.SWEEP_MILLIS + 1000));
        }
    }

    @Test
    void theIdleBoundFollowsTheAppsAnnouncedKeepAlive() {
        assertThat(AppConnection.idleBoundSeconds(-1)).as("no timeout announced").isEqualTo(Origins.KEEP_ALIVE_SECONDS);
        assertThat(AppConnection.idleBoundSeconds(0)).as("the app closes at once").isZero();
        assertThat(AppConnection.idleBoundSeconds(1)).as("shorter than ours").isEqualTo(1);
        assertThat(AppConnection.idleBoundSeconds(3)).as("a second less would undercut ours").isEqualTo(Origins.KEEP_ALIVE_SECONDS);
        assertThat(AppConnection.idleBoundSeconds(5)).as("Node.js").isEqualTo(4);
        assertThat(AppConnection.idleBoundSeconds(75)).as("nginx's default, capped").isEqualTo(Origins.MAX_KEEP_ALIVE_SECONDS);
    }

    @Test
    void aConnectionInUseIsKeptPastTheIdleBound() throws Exception {
        try (ProxyHarness h = ProxyHarness.single(ComputeType.AWS_FARGATE_ECS, UnaryOperator.identity())) {
            AtomicInteger accepted = new AtomicInteger();
            h.serve("web", countingApp(h, new AtomicInteger(), accepted, "timeout=5"));
            // requests back to back for twice the idle bound: the connection never idles that long, so the
            // app sees one connection; closing busy ones on a timer made whole bursts of load reconnect at once
            long end = System.nanoTime() + Duration.ofSeconds(2L * Origins.KEEP_ALIVE_SECONDS).toNanos();
            int requests = 0;
            while (System.nanoTime() < end) {
                assertThat(RawHttp.get(h.port(), "x", "/").text()).isEqualTo("ok");
                requests++;
            }
            assertThat(requests).isGreaterThan(10);
            assertThat(accepted.get()).isEqualTo(1);
        }
    }

    /** An app that counts its open and its accepted connections and announces {@code keepAlive}, if given. */
    private static io.vertx.core.http.HttpServer countingApp(ProxyHarness h, AtomicInteger open, AtomicInteger accepted,
                                                            String keepAlive) throws Exception {
        return Await.result(h.vertx.createHttpServer()
                .connectionHandler(c -> {
                    open.incrementAndGet();
                    accepted.incrementAndGet();
                    c.closeHandler(v -> open.decrementAndGet());
                })
                .requestHandler(r -> {
                    if (keepAlive != null) {
                        r.response().putHeader("keep-alive", keepAlive);
                    }
                    r.response().end("ok");
                })
                .listen(0, "127.0.0.1"));
    }
}
