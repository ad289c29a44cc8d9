package dev.serverlesscontainers.devmode.http;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

/**
 * The Vert.x instance scf-dev runs on (and its tests with it). On Linux x86-64 its sockets use Netty's
 * epoll transport, which takes about 5 us less CPU per proxied request than Java's selector
 * (BENCHMARKS.md, section 1); elsewhere (macOS, ARM) Vert.x falls back to the selector by itself.
 */
public final class EventLoops {
    private EventLoops() {}

    public static Vertx create() {
        return Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
    }
}
