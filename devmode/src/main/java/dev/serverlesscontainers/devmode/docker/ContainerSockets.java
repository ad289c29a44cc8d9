package dev.serverlesscontainers.devmode.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import dev.serverlesscontainers.devmode.runtime.TcpListeners;
import dev.serverlesscontainers.devmode.runtime.TcpListeners.Listener;
import dev.serverlesscontainers.model.config.Defaults;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Where the app in a container listens, read from the socket tables of the container's network
 * namespace ({@code cat /proc/net/tcp /proc/net/tcp6}, run in the container). The published port
 * forwards to the container's own address, so an app that listens on 127.0.0.1 inside it accepts
 * nothing from outside: the engine's proxy accepts the connection, then closes it unanswered.
 */
final class ContainerSockets {
    private ContainerSockets() {}

    /** The engine's embedded DNS server listens here in every container on a user-defined network. */
    static final String ENGINE_DNS = "127.0.0.11";
    private static final long READ_TIMEOUT_SECONDS = 5;

    /** What is wrong with where the container's app listens; empty when nothing, or when the container cannot tell (no {@code cat}). */
    static Optional<String> problem(DockerClient docker, String containerId) {
        List<String> tables = socketTables(docker, containerId);
        if (tables.isEmpty()) {
            return Optional.empty();
        }
        List<Listener> listeners = TcpListeners.parse(tables, inode -> true).stream()
                .filter(l -> !l.address().equals(ENGINE_DNS)).toList();
        int port = Defaults.CONTAINER_PORT;
        return TcpListeners.problem(listeners, port, Listener::onEveryInterface,
                l -> "it listens on " + l + " inside its container only, which nothing outside the container reaches:"
                        + " listen on 0.0.0.0 (every interface) and on PORT (" + port + ")");
    }

    private static List<String> socketTables(DockerClient docker, String containerId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            String exec = docker.execCreateCmd(containerId).withCmd("cat", "/proc/net/tcp", "/proc/net/tcp6")
                    .withAttachStdout(true).withAttachStderr(false).exec().getId();
            boolean done = docker.execStartCmd(exec).exec(new ResultCallback.Adapter<Frame>() {
                @Override
                public void onNext(Frame frame) {
                    if (frame.getStreamType() == StreamType.STDOUT || frame.getStreamType() == StreamType.RAW) {
                        synchronized (out) {
                            out.writeBytes(frame.getPayload());
                        }
                    }
                }
            }).awaitCompletion(READ_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!done) {
                return List.of();
            }
        } catch (RuntimeException e) {
            // the container stopped, or its image has no cat: nothing to tell
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
        synchronized (out) {
            return out.toString(StandardCharsets.UTF_8).lines().toList();
        }
    }
}
