package dev.serverlesscontainers.devmode.proxy;

import dev.serverlesscontainers.devmode.lambda.Invoker;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.net.SocketAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One instance of a container as the proxy sees it: where it answers, its own pool of keep-alive
 * connections, and how many requests it is serving right now.
 *
 * <p>Each instance has a pool of its own so that retiring an instance closes exactly its connections:
 * a pooled keep-alive connection to a stopped instance can never be reused. The in-flight count lets
 * the supervisor stop an old instance only once it has answered every request it took.
 */
public final class Upstream {
    /** The count once retired: far below zero, so late releases cannot bring it back to zero. */
    private static final int RETIRED = Integer.MIN_VALUE / 2;

    /**
     * Keep-alive connections are closed after this long. Node.js servers close idle connections after
     * 5 s ({@code server.keepAliveTimeout}); closing ours first avoids sending a request on a connection
     * the app is closing at that very moment, a classic source of 502s behind an ALB. It bounds each
     * connection's whole life, not only its idle time: Vert.x replaces the client's idle timeout with the
     * one a server announces ({@code Keep-Alive: timeout=5} from Node.js, its own deadline), so an idle
     * timeout alone would not keep us ahead. Reconnecting every 2 s costs nothing measurable.
     */
    static final int KEEP_ALIVE_SECONDS = 2;
    /** ALB: "The target response header exceeded 32 K for the entire response header" gives 502. */
    static final int MAX_RESPONSE_HEADER_BYTES = 32 * 1024;
    static final int MAX_CONNECTIONS = 64;

    private final String container;
    private final String instanceId;
    private final InetSocketAddress address;
    private final SocketAddress socketAddress;
    private final HttpClientAgent client;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Invoker invoker;

    private Upstream(String container, String instanceId, InetSocketAddress address, HttpClientAgent client, Invoker invoker) {
        this.container = container;
        this.instanceId = instanceId;
        this.address = address;
        this.socketAddress = SocketAddress.inetSocketAddress(address.getPort(), address.getHostString());
        this.client = client;
        this.invoker = invoker;
    }

    /**
     * A handler container's current version: requests become invocations of {@code invoker} instead
     * of HTTP requests. The count of requests in flight works as for any instance, so a reload drains it.
     */
    public static Upstream invoking(String container, String instanceId, InetSocketAddress address, Invoker invoker) {
        return new Upstream(container, instanceId, address, null, invoker);
    }

    /** Present for a handler container: how its requests are run. */
    Optional<Invoker> invoker() {
        return Optional.ofNullable(invoker);
    }

    public static Upstream open(Vertx vertx, String container, String instanceId, InetSocketAddress address) {
        HttpClientOptions options = new HttpClientOptions()
                .setKeepAlive(true)
                .setKeepAliveTimeout(KEEP_ALIVE_SECONDS)
                .setMaxHeaderSize(MAX_RESPONSE_HEADER_BYTES)
                .setConnectTimeout((int) ProxyOptions.ALB_CONNECT_TIMEOUT.toMillis())
                .setName("upstream-" + container + "-" + instanceId);
        return new Upstream(container, instanceId, address,
                vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(MAX_CONNECTIONS)
                        .setMaxLifetime(KEEP_ALIVE_SECONDS).setMaxLifetimeUnit(TimeUnit.SECONDS)), null);
    }

    public String container() {
        return container;
    }

    public String instanceId() {
        return instanceId;
    }

    public InetSocketAddress address() {
        return address;
    }

    SocketAddress socketAddress() {
        return socketAddress;
    }

    HttpClientAgent client() {
        return client;
    }

    /** Counts a request in; false once the instance is retired (ask for the current target again). */
    public boolean tryAcquire() {
        while (true) {
            int n = inFlight.get();
            if (n < 0) {
                return false;
            }
            if (inFlight.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    /** Counts a request out: it was answered, failed, or its client went away. */
    public void release() {
        inFlight.decrementAndGet();
    }

    public int inFlight() {
        return Math.max(0, inFlight.get());
    }

    public boolean retired() {
        return inFlight.get() < 0;
    }

    /**
     * Waits until no request is in flight, then refuses new ones. Call after traffic was switched to
     * another instance. Returns false when requests were still running after {@code max}; it is
     * retired anyway.
     */
    public boolean drain(Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            if (inFlight.get() < 0 || inFlight.compareAndSet(0, RETIRED)) {
                return true; // drained now, or closed before (its instance crashed)
            }
            Thread.sleep(10);
        }
        inFlight.set(RETIRED);
        return false;
    }

    /** Retires the instance and closes its connections. */
    public void close() {
        inFlight.set(RETIRED);
        if (client == null) {
            return;
        }
        try {
            client.close().toCompletionStage().toCompletableFuture().get(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // closing is best effort: the instance is being stopped, which closes its sockets anyway
        }
    }

    @Override
    public String toString() {
        return container + " " + instanceId + " at " + address.getHostString() + ":" + address.getPort();
    }
}
