package dev.serverlesscontainers.devmode.proxy;

import dev.serverlesscontainers.devmode.target.Upstream;
import dev.serverlesscontainers.model.routing.Route;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.NetSocket;

/**
 * A WebSocket upgrade to an {@code awsFargateEcs} container, as the ALB forwards it, on Vert.x's client:
 * accepted, it becomes a tunnel between client and instance; declined, the app's answer is relayed as
 * any response. Every other request to such a container is a {@link RelayExchange}.
 */
final class UpgradeExchange extends Exchange {

    UpgradeExchange(Vertx vertx, ProxyOptions options, Origins origins, HttpServerRequest request, Route route, Upstream upstream) {
        super(vertx, options, origins, request, route, null, upstream);
    }

    @Override
    void writeHeaders(MultiMap into) {
        super.writeHeaders(into);
        into.set(HttpHeaders.UPGRADE, request.getHeader(HttpHeaders.UPGRADE));
        into.set(HttpHeaders.CONNECTION, HttpHeaders.UPGRADE);
    }

    @Override
    void start() {
        connect(target -> requestOptions(target).setIdleTimeout(options.idleTimeout().toMillis()), this::forward);
    }

    private void forward(HttpClientRequest out) {
        writeHeaders(out.headers());
        out.connect().onComplete(ar -> {
            if (ar.failed()) {
                fail(Failure.upstream(ar.cause(), route.computeType(), route.container()));
            } else if (ar.result().statusCode() == 101) {
                tunnel(ar.result());
            } else {
                // declined: Vert.x took the connection out of the pool for a tunnel that never opened, and
                // nothing else would close it (the request fuzzer found them piling up, idle)
                relay(ar.result()).onComplete(done -> upstreamRequest.connection().close());
            }
        });
        request.resume();
    }
    private Future<Void> relay(HttpClientResponse in) {
        HttpServerResponse response = request.response();
        int status = in.statusCode();
        ResponseStep.run(ResponseStep.RELAY, ResponseStep.Head.of(in), response);
        if (!in.headers().contains(HttpHeaders.CONTENT_LENGTH) && mayHaveBody(status) && request.version() == HttpVersion.HTTP_1_1) {
            response.setChunked(true);
        }
        return new BodyRelay(in, response).start().andThen(ar -> {
            if (ar.failed()) {
                // the response had begun: the ALB can only cut the connection, and so do we (both of them)
                response.reset();
                abandonUpstream();
                finish(status, "the response of " + route.container() + " broke off: " + ar.cause().getMessage());
            } else {
                finish(status, "");
            }
        });
    }

    private void tunnel(HttpClientResponse switching) {
        HttpServerResponse response = request.response();
        response.setStatusCode(101);
        response.headers().addAll(switching.headers());
        request.toNetSocket().onComplete(ar -> {
            NetSocket toApp = switching.netSocket();
            if (ar.failed()) {
                toApp.close();
                finish(502, "could not take over the client's connection: " + ar.cause().getMessage());
                return;
            }
            NetSocket toClient = ar.result();
            toClient.pipeTo(toApp);
            toApp.pipeTo(toClient);
            toClient.closeHandler(v -> toApp.close());
            toApp.closeHandler(v -> toClient.close());
            // a WebSocket is not a request in flight: draining an old instance does not wait for it
            finish(101, "WebSocket tunnel open");
        });
    }
}
