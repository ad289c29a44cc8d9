package dev.serverlesscontainers.devmode.process;

import dev.serverlesscontainers.devmode.runtime.StartFailure;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** A port for a new instance's {@code PORT}: one the system just handed out as free. */
public final class FreePort {
    private FreePort() {}

    public static int find() throws StartFailure {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new StartFailure("no free port on 127.0.0.1 for a new instance: " + e.getMessage());
        }
    }
}
