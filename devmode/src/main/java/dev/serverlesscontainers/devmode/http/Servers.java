package dev.serverlesscontainers.devmode.http;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServer;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Binding and closing Vert.x servers from plain threads, with errors that name the address. */
public final class Servers {
    private Servers() {}

    /** Binds the server as configured; returns when it listens. */
    public static void listen(HttpServer server, String host, int port) throws IOException {
        await(server.listen(), host, port);
    }

    /** Waits for a server (of any kind) to be bound, as {@link #listen(HttpServer, String, int)} does. */
    public static void await(Future<?> bound, String host, int port) throws IOException {
        try {
            bound.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IOException("cannot listen on " + host + ":" + port + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("cannot listen on " + host + ":" + port + ": timed out", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while binding " + host + ":" + port, e);
        }
    }

    /** Closes the server, waiting up to two seconds; it goes away with the process anyway. */
    public static void close(HttpServer server) {
        try {
            server.close().toCompletionStage().toCompletableFuture().get(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // nothing more to do
        }
    }
}
