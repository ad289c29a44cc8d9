package dev.serverlesscontainers.devmode.proxy;

import dev.serverlesscontainers.devmode.http.EventLoops;
import dev.serverlesscontainers.devmode.target.Upstream;
import dev.serverlesscontainers.devmode.target.Targets;
import dev.serverlesscontainers.devmode.target.TargetState;
import dev.serverlesscontainers.devmode.testing.Await;
import dev.serverlesscontainers.model.config.ComputeType;
import dev.serverlesscontainers.model.routing.RouteDefinition;
import dev.serverlesscontainers.model.routing.RoutingTable;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/** A proxy on 127.0.0.1 port 0 in front of real backend servers, with targets a test sets directly. */
final class ProxyHarness implements AutoCloseable {
    final Vertx vertx = EventLoops.create();
    final Map<String, TargetState> states = new ConcurrentHashMap<>();
    final List<AccessLogEntry> accessLog = new CopyOnWriteArrayList<>();
    /** When set, answers instead of {@link #states}. */
    volatile Targets stateOverride;
    private final List<Upstream> upstreams = new ArrayList<>();
    private final AtomicInteger instances = new AtomicInteger();
    private AlbProxy proxy;

    static ProxyHarness start(RoutingTable table, Map<String, LambdaFunction> lambdas, UnaryOperator<ProxyOptions> tweak)
            throws IOException {
        ProxyHarness h = new ProxyHarness();
        ProxyOptions options = tweak.apply(ProxyOptions.of("127.0.0.1", 0).withAccessLog(h.accessLog::add));
        h.proxy = AlbProxy.start(h.vertx, options, new ProxyConfig(table, lambdas), container -> h.stateOverride != null ? h.stateOverride.state(container) : h.states.getOrDefault(container,
                new TargetState.NotServing(TargetState.Why.STARTING, container + " is not started in this test")));
        return h;
    }

    /** One container {@code web} on {@code /*} with the given compute type. */
    static ProxyHarness single(ComputeType type, UnaryOperator<ProxyOptions> tweak) throws IOException {
        return start(table(route("web", null, "/*", type)), Map.of(), tweak);
    }

    static RouteDefinition route(String container, String domain, String pattern, ComputeType type) {
        return new RouteDefinition(container, Optional.ofNullable(domain), pattern, type);
    }

    static RoutingTable table(RouteDefinition... routes) {
        return RoutingTable.of(List.of(routes));
    }

    int port() {
        return proxy.port();
    }

    HttpServer backend(Handler<HttpServerRequest> handler) {
        // generous limits: the tests probe the proxy's limits, not the backend's
        HttpServerOptions options = new HttpServerOptions().setMaxHeaderSize(256 * 1024).setMaxInitialLineLength(64 * 1024);
        return Await.result(vertx.createHttpServer(options).requestHandler(handler).listen(0, "127.0.0.1"));
    }

    /** Makes {@code container} served by {@code backend} (a new instance each call). */
    Upstream serve(String container, HttpServer backend) {
        return serve(container, backend.actualPort());
    }

    Upstream serve(String container, int port) {
        Upstream u = Upstream.http(container, "test-" + instances.incrementAndGet(), new InetSocketAddress("127.0.0.1", port));
        upstreams.add(u);
        states.put(container, new TargetState.Serving(u));
        return u;
    }

    /** A backend that answers every request with a JSON description of it: name, method, uri, headers, body size. */
    HttpServer echo(String name) {
        return backend(echoHandler(name));
    }

    static Handler<HttpServerRequest> echoHandler(String name) {
        return request -> {
            AtomicLong bytes = new AtomicLong();
            request.handler(b -> bytes.addAndGet(b.length()));
            request.endHandler(v -> {
                JsonObject headers = new JsonObject();
                request.headers().forEach(h -> headers.put(h.getKey().toLowerCase(java.util.Locale.ROOT),
                        headers.containsKey(h.getKey().toLowerCase(java.util.Locale.ROOT))
                                ? headers.getString(h.getKey().toLowerCase(java.util.Locale.ROOT)) + "|" + h.getValue() : h.getValue()));
                request.response().putHeader("content-type", "application/json").end(new JsonObject()
                        .put("name", name).put("method", request.method().name()).put("uri", request.uri())
                        .put("headers", headers).put("bodyBytes", bytes.get()).encode());
            });
        };
    }

    @Override
    public void close() {
        proxy.close();
        upstreams.forEach(Upstream::close);
        Await.result(vertx.close());
    }
}
