package dev.serverlesscontainers.devmode.debug;

import dev.serverlesscontainers.devmode.http.Servers;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;

/**
 * A container's debug port: a TCP relay on 127.0.0.1 to the debugger of its newest instance that
 * answers. Each instance's debugger listens on a port of its own, so a reload never finds the port
 * taken by the instance it replaces, and the port a developer attaches to stays the same: a new
 * connection reaches the new instance once its debugger listens, while a session attached to the
 * old one lasts until that instance stops.
 */
final class DebugRelay implements AutoCloseable {
    private final NetServer server;
    private final NetClient client;

    private DebugRelay(NetServer server, NetClient client) {
        this.server = server;
        this.client = client;
    }

    /** @param candidates the instances' debugger ports, newest first */
    static DebugRelay start(Vertx vertx, int port, Supplier<List<Integer>> candidates) throws IOException {
        NetClient client = vertx.createNetClient();
        NetServer server = vertx.createNetServer().connectHandler(socket -> {
            socket.pause();
            connect(client, socket, candidates.get().iterator());
        });
        try {
            Servers.await(server.listen(port, "127.0.0.1"), "127.0.0.1", port);
        } catch (IOException e) {
            client.close();
            throw e;
        }
        return new DebugRelay(server, client);
    }

    private static void connect(NetClient client, NetSocket socket, Iterator<Integer> ports) {
        if (!ports.hasNext()) {
            // no debugger listens (yet): the client sees the connection closed, as with an app that is restarting
            socket.close();
            return;
        }
        client.connect(ports.next(), "127.0.0.1").onComplete(ar -> {
            if (ar.failed()) {
                connect(client, socket, ports);
                return;
            }
            NetSocket debugger = ar.result();
            debugger.pipeTo(socket);
            socket.pipeTo(debugger);
        });
    }

    int port() {
        return server.actualPort();
    }

    @Override
    public void close() {
        server.close();
        client.close();
    }
}
