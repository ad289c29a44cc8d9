package dev.serverlesscontainers.devmode.proxy;

import dev.serverlesscontainers.devmode.target.Targets;
import dev.serverlesscontainers.devmode.http.Servers;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.io.IOException;

/**
 * The ALB emulator: an HTTP listener that routes each request with the model's routing table to a
 * container's current instance and answers the way the deployed architecture would (the ALB for
 * {@code awsFargateEcs} containers, a function URL for {@code awsLambda} ones). It knows no rules
 * of its own: routing comes from {@link ProxyConfig}, live instances from {@link Targets}.
 */
public final class AlbProxy implements AutoCloseable {
    private final HttpServer server;
    private final Vertx vertx;
    private final ProxyOptions options;
    private final Targets targets;
    /** Replaced whole when the routing changes: a request is routed by one table, the old or the new. */
    private volatile ProxyHandler handler;

    private AlbProxy(HttpServer server, Vertx vertx, ProxyOptions options, Targets targets, ProxyHandler handler) {
        this.server = server;
        this.vertx = vertx;
        this.options = options;
        this.targets = targets;
        this.handler = handler;
    }

    /**
     * Listens and returns once the port is bound.
     *
     * @throws IOException when the address cannot be bound (the message names it)
     */
    public static AlbProxy start(Vertx vertx, ProxyOptions options, ProxyConfig config, Targets targets) throws IOException {
        HttpServerOptions serverOptions = new HttpServerOptions()
                .setHost(options.host())
                .setPort(options.port())
                .setMaxInitialLineLength(RequestChecks.MAX_REQUEST_LINE_BYTES)
                .setMaxHeaderSize(RequestChecks.MAX_REQUEST_HEADER_BYTES)
                .setHandle100ContinueAutomatically(true)
                .setCompressionSupported(false)
                // upgrades are relayed to the app as bytes (UpgradeExchange), which negotiates any WebSocket
                // extension itself; with these on, Vert.x puts an extension handler in every connection's
                // pipeline that looks at each request and response for nothing
                .setPerFrameWebSocketCompressionSupported(false)
                .setPerMessageWebSocketCompressionSupported(false)
                // an ALB never speaks h2c: "Upgrade: h2c" is forwarded as any other request. With it off,
                // Vert.x also builds the HTTP/1 pipeline before the first byte is read, so DecoderGate
                // sees every request (with it on, the first request of a connection passes before it)
                .setHttp2ClearTextEnabled(false);
        HttpServer server = vertx.createHttpServer(serverOptions);
        AlbProxy proxy = new AlbProxy(server, vertx, options, targets, new ProxyHandler(vertx, options, config, targets));
        server.connectionHandler(connection -> DecoderGate.install(connection, serverOptions))
                .requestHandler(request -> proxy.handler.handle(request))
                .invalidRequestHandler(request -> proxy.handler.refuseMalformed(request))
                .exceptionHandler(e -> {
                    // a client resetting its connection is not news
                });
        Servers.listen(server, options.host(), options.port());
        return proxy;
    }

    /** Routes every request from now on by {@code config}; requests already routed go on as they were. */
    public void reroute(ProxyConfig config) {
        handler = new ProxyHandler(vertx, options, config, targets);
    }

    /** The bound port (the actual one when 0 was asked for). */
    public int port() {
        return server.actualPort();
    }

    @Override
    public void close() {
        Servers.close(server);
    }
}
