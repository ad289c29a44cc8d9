package dev.serverlesscontainers.devmode.proxy;

import dev.serverlesscontainers.devmode.target.Upstream;
import dev.serverlesscontainers.devmode.target.Targets;
import dev.serverlesscontainers.devmode.target.TargetState;
import dev.serverlesscontainers.model.config.ComputeType;
import dev.serverlesscontainers.model.routing.Route;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The listener: checks a request as the ALB would, picks the rule with the model's routing table,
 * asks the supervisor for the container's current instance, adds the ALB's headers, and hands the
 * request to the exchange for the container's compute type.
 */
final class ProxyHandler implements Handler<HttpServerRequest> {
    private final Vertx vertx;
    private final ProxyOptions options;
    private final ProxyConfig config;
    private final Origins origins;

    ProxyHandler(Vertx vertx, ProxyOptions options, ProxyConfig config, Targets targets) {
        this.vertx = vertx;
        this.options = options;
        this.origins = new Origins(vertx, options, targets);
        this.config = config;
    }

    @Override
    public void handle(HttpServerRequest request) {
        long start = System.nanoTime();
        request.pause(); // hold the body until an instance is ready to take it
        Optional<Failure> refused = RequestChecks.check(request);
        if (refused.isPresent()) {
            answer(request, refused.get(), null, start);
            return;
        }
        String target = originForm(request);
        if (target == null) {
            answer(request, Failure.badRequest("the request target " + request.uri() + " is not a valid URI"), null, start);
            return;
        }
        String host = LocalDomains.routingHost(request.getHeader(HttpHeaders.HOST));
        Optional<Route> matched = config.routingTable().match(host, target);
        if (matched.isEmpty()) {
            answer(request, Failure.noRule(host, Route.pathOf(target)), null, start);
            return;
        }
        Route route = matched.get();
        TargetState state = acquire(route.container());
        if (state instanceof TargetState.Held held) {
            HeldRequests.retryWhenReleased(vertx, held, () -> handle(request));
            return;
        }
        if (state instanceof TargetState.NotServing notServing) {
            answer(request, Failure.notServing(notServing, route.computeType()), route, start);
            return;
        }
        Upstream upstream = ((TargetState.Serving) state).upstream();
        // the guardian's defensive mode: forward it, then close both connections, so that whatever
        // another parser took for a second request is never read by anyone (DecoderGate classified it)
        String ambiguity = request.getHeader(DesyncGuard.AMBIGUITY_HEADER);
        boolean ambiguous = ambiguity != null;
        Exchange exchange;
        if (route.computeType() == ComputeType.AWS_LAMBDA) {
            MultiMap headers = Exchange.albHeaders(request, HttpHeaders.headers());
            String trace = headers.get(TraceId.HEADER);
            LambdaFunction function = config.lambda(route.container());
            LambdaContextHeaders.Invocation invocation = new LambdaContextHeaders.Invocation(UUID.randomUUID().toString(), Instant.now(),
                    function, request.method().name(), target, request.getHeader(HttpHeaders.HOST),
                    request.remoteAddress().hostAddress(), request.getHeader(HttpHeaders.USER_AGENT), trace);
            if (upstream.invoker().isPresent()) {
                exchange = new HandlerExchange(vertx, options, origins, request, route, headers, upstream, function, invocation);
            } else {
                LambdaContextHeaders.apply(headers, invocation);
                exchange = new LambdaExchange(vertx, options, origins, request, route, headers, upstream, function);
            }
        } else if (!ambiguous && request.canUpgradeToWebSocket()) {
            // Lambda function URLs do not upgrade connections; the ALB does, for WebSocket
            exchange = new UpgradeExchange(vertx, options, origins, request, route, upstream);
        } else {
            exchange = new RelayExchange(vertx, options, origins, request, route, upstream);
        }
        if (ambiguous) {
            exchange.closeAfterwards("ambiguous (" + ambiguity + "): forwarded, then both connections closed");
        }
        exchange.start();
    }

    /**
     * A request the server's parser could not read, or {@link DesyncGuard} refused: 400 (501 for an
     * unsupported Transfer-Encoding), the connection closed, and its line in the access log.
     */
    void refuseMalformed(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        Failure failure = cause instanceof DesyncGuard.Refused refused ? refused.verdict.refusal()
                : Failure.badRequest("malformed request: " + (cause == null || cause.getMessage() == null ? "cannot be parsed"
                        : cause.getMessage()));
        answer(request, failure, null, System.nanoTime());
    }

    /** The container's current instance with this request counted in, or why there is none. */
    private TargetState acquire(String container) {
        for (int attempt = 0; attempt < 5; attempt++) {
            TargetState state = origins.state(container);
            if (!(state instanceof TargetState.Serving serving) || serving.upstream().tryAcquire()) {
                return state;
            }
            // retired between the lookup and the count: the supervisor has already switched to another instance
        }
        return new TargetState.NotServing(TargetState.Why.STARTING, container + " is switching instances");
    }

    private void answer(HttpServerRequest request, Failure failure, Route route, long start) {
        failure.respond(request);
        if (!options.logsAccess()) {
            return;
        }
        options.accessLog().accept(new AccessLogEntry(request.method().name(), request.uri(), route == null ? "" : route.container(),
                route == null ? "" : route.describe(), "", failure.status(),
                Duration.ofNanos(System.nanoTime() - start), failure.reason(), request.getHeader(HttpHeaders.HOST)));
    }

    /** The request target as a path and query; an absolute-form target is reduced to it. Null when unusable. */
    static String originForm(HttpServerRequest request) {
        String uri = request.uri();
        if (uri.startsWith("/")) {
            return uri;
        }
        try {
            URI parsed = new URI(uri);
            if (parsed.getScheme() == null || parsed.getRawPath() == null) {
                return null;
            }
            String path = parsed.getRawPath().isEmpty() ? "/" : parsed.getRawPath();
            return parsed.getRawQuery() == null ? path : path + "?" + parsed.getRawQuery();
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
