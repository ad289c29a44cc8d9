package dev.serverlesscontainers.provider;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/** The plugin's gRPC server, on 127.0.0.1 (where the engine dials it) and a port the system picks. */
final class ProviderServer implements AutoCloseable {
    /** As large as the Pulumi engine allows its own messages (400 MiB): a Construct request carries the whole configuration. */
    static final int MAX_MESSAGE_BYTES = 400 * 1024 * 1024;
    static final long GRACE_SECONDS = 5;

    private final Server server;

    private ProviderServer(Server server) {
        this.server = server;
    }

    static ProviderServer start(BindableService service) {
        try {
            Server server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0))
                    .maxInboundMessageSize(MAX_MESSAGE_BYTES)
                    .addService(service)
                    .build()
                    .start();
            return new ProviderServer(server);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the plugin's gRPC server on 127.0.0.1", e);
        }
    }

    int port() {
        return server.getPort();
    }

    /** Stops taking calls; calls under way finish. */
    void shutdown() {
        server.shutdown();
    }

    void awaitTermination() throws InterruptedException {
        server.awaitTermination();
    }

    @Override
    public void close() {
        server.shutdown();
        try {
            if (!server.awaitTermination(GRACE_SECONDS, TimeUnit.SECONDS)) {
                server.shutdownNow();
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
