package dev.serverlesscontainers.devmode.proxy;

import dev.serverlesscontainers.devmode.target.TargetState;
import dev.serverlesscontainers.devmode.target.Targets;
import dev.serverlesscontainers.devmode.target.Upstream;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The proxy's side of the instances the supervisor publishes ({@link Targets}): for each one, its own
 * pools of keep-alive connections, opened on its first request and closed when the instance is: Vert.x's
 * client for WebSocket upgrades and Lambda invocations, {@link AppChannels} for the rest.
 *
 * <p>A pool per instance, so that retiring an instance closes exactly its connections: a pooled
 * keep-alive connection to a stopped instance can never be reused.
 */
final class Origins {
    /**
     * Idle keep-alive connections to an app that does not say how long it keeps them are closed after this
     * long: apps close idle connections on their own timers (Node.js and uvicorn after 5 s), and
     * sending a request on a connection the app is closing at that very moment is a classic source of 502s
     * behind an ALB. An app that announces its deadline ({@code Keep-Alive: timeout=5} from Node.js) is taken
     * at its word, less a second ({@link AppConnection#idleBoundSeconds}), so that connections survive the
     * pauses of a developer's load test instead of being opened again, 64 at once, when it resumes (issue
     * 17). Vert.x's pools (WebSocket upgrades, Lambda invocations) would replace this bound with a longer
     * announced one outright, so {@link KeepAliveBound} hides a longer announcement from them. Only idle
     * time is bounded: a connection in use is never closed by its server's keep-alive timeout, and bounding
     * its whole life instead made every connection opened in one burst of load reconnect together.
     */
    static final int KEEP_ALIVE_SECONDS = 2;
    /** The longest an idle connection is kept whatever the app announces: the ALB's default idle timeout. */
    static final int MAX_KEEP_ALIVE_SECONDS = 60;
    /**
     * How often the pool closes connections idle past their bound: a connection can stay idle this much
     * longer than {@link #KEEP_ALIVE_SECONDS} (Vert.x checks no bound when it hands a connection out).
     */
    static final int SWEEP_MILLIS = 500;
    /** ALB: "The target response header exceeded 32 K for the entire response header" gives 502. */
    static final int MAX_RESPONSE_HEADER_BYTES = 32 * 1024;
    static final int MAX_CONNECTIONS = 64;

    private final Vertx vertx;
    private final ProxyOptions options;
    private final Targets targets;
    private final Map<Upstream, HttpClientAgent> pools = new ConcurrentHashMap<>();
    private final Map<Upstream, AppChannels> channels = new ConcurrentHashMap<>();

    Origins(Vertx vertx, ProxyOptions options, Targets targets) {
        this.vertx = vertx;
        this.options = options;
        this.targets = targets;
    }

    /** The container's state as the supervisor publishes it. */
    TargetState state(String container) {
        return targets.state(container);
    }

    /** The instance's connection pool, opened on first use. */
    HttpClientAgent client(Upstream upstream) {
        // closing is not awaited: this can run on an event loop (a request that took the pool as the instance
        // retired), and it is best effort anyway, since stopping the instance closes its sockets
        return perInstance(pools, upstream, this::open, HttpClientAgent::close);
    }

    /**
     * The instance's connections on Netty's client codec ({@link RelayExchange}), opened on first use,
     * on the transport Vert.x's own sockets use (epoll or Java's selector) so they share its event loops.
     */
    AppChannels channels(Upstream upstream) {
        return perInstance(channels, upstream, u -> new AppChannels(u, ((VertxInternal) vertx).transport().channelFactory(false),
                options.connectTimeout(), options.idleTimeout()), AppChannels::close);
    }

    /** What {@code pools} holds for the instance, opened on first use and closed when the instance is. */
    private static <T> T perInstance(Map<Upstream, T> pools, Upstream upstream, Function<Upstream, T> open, Consumer<T> close) {
        T existing = pools.get(upstream);
        if (existing != null) {
            return existing;
        }
        T created = pools.computeIfAbsent(upstream, open);
        // after it is in the map: a close that comes first or meanwhile still finds it
        upstream.onClose(() -> {
            T closing = pools.remove(upstream);
            if (closing != null) {
                close.accept(closing);
            }
        });
        return created;
    }

    static SocketAddress address(Upstream upstream) {
        return SocketAddress.inetSocketAddress(upstream.address().getPort(), upstream.address().getHostString());
    }

    private HttpClientAgent open(Upstream upstream) {
        HttpClientOptions options = new HttpClientOptions()
                .setKeepAlive(true)
                .setKeepAliveTimeout(KEEP_ALIVE_SECONDS)
                .setMaxHeaderSize(MAX_RESPONSE_HEADER_BYTES)
                .setConnectTimeout((int) ProxyOptions.ALB_CONNECT_TIMEOUT.toMillis())
                .setName("upstream-" + upstream.container() + "-" + upstream.instanceId());
        return vertx.httpClientBuilder()
                .with(options)
                .with(new PoolOptions().setHttp1MaxSize(MAX_CONNECTIONS).setCleanerPeriod(SWEEP_MILLIS))
                .withConnectHandler(KeepAliveBound::install)
                .build();
    }
}
