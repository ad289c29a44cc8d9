package dev.serverlesscontainers.devmode.process;

import dev.serverlesscontainers.devmode.runtime.TcpListeners;
import dev.serverlesscontainers.devmode.runtime.TcpListeners.Listener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Where a process tree listens for TCP connections, read from Linux's {@code /proc}: the socket
 * inodes each process holds open, matched against the kernel's socket tables. It turns a health
 * check that never passes into the mistake behind it: the app listens on another port than
 * {@code PORT}, or only on an interface the proxy does not connect to.
 */
final class ListeningSockets {
    private ListeningSockets() {}

    private static final Path PROC = Path.of("/proc");
    /** The port SCF's runtime gave every container, which apps written for it listen on. */
    static final int SCF_PORT = 8080;

    /** What is wrong with where the tree listens, given that the proxy connects to 127.0.0.1:{@code port}. */
    static Optional<String> problem(ProcessHandle root, int port) {
        if (!Files.isDirectory(PROC)) {
            return Optional.empty();
        }
        return TcpListeners.problem(listeners(root), port, Listener::reachableFromLoopback,
                l -> "it listens on " + l + " only, and scf-dev connects to 127.0.0.1:" + port
                        + ": listen on 0.0.0.0 (every interface), as an app in a container must");
    }

    /**
     * What works here but fails in a container: an app that listens on {@code port} on the loopback
     * interface only is reached by scf-dev's process runtime, but neither through a published port
     * (the Docker runtime) nor by the load balancer of a deployed {@code awsFargateEcs} container.
     */
    static Optional<String> deploymentProblem(ProcessHandle root, int port) {
        if (!Files.isDirectory(PROC)) {
            return Optional.empty();
        }
        List<Listener> onPort = listeners(root).stream().filter(l -> l.port() == port).toList();
        if (onPort.isEmpty() || onPort.stream().anyMatch(Listener::onEveryInterface)) {
            return Optional.empty();
        }
        return Optional.of("it listens on " + onPort.get(0) + " only: that works here, but in a container (scf-dev --runtime docker,"
                + " or deployed on awsFargateEcs) nothing outside the container reaches it; listen on 0.0.0.0 (every interface) and on PORT");
    }

    /**
     * The port the tree listens on instead of {@code port}, on every interface as an app in a container
     * does: when it listens on {@code port} (or on nothing yet), none; among several others,
     * {@value #SCF_PORT}, the port SCF gave every container, or none when that is not one of them.
     * Listeners on 127.0.0.1 alone never count: the debuggers scf-dev starts listen there (a JVM opens
     * its JDWP port long before its HTTP port), and an app that listens only there gets the hint of
     * {@link #deploymentProblem} instead.
     */
    static OptionalInt ownPort(ProcessHandle root, int port) {
        if (!Files.isDirectory(PROC)) {
            return OptionalInt.empty();
        }
        List<Listener> listeners = listeners(root);
        if (listeners.stream().anyMatch(l -> l.port() == port && l.reachableFromLoopback())) {
            return OptionalInt.empty();
        }
        List<Listener> everywhere = listeners.stream().filter(Listener::onEveryInterface).toList();
        if (everywhere.isEmpty()) {
            return OptionalInt.empty();
        }
        Set<Integer> ports = new HashSet<>();
        everywhere.forEach(l -> ports.add(l.port()));
        if (ports.size() == 1) {
            return OptionalInt.of(ports.iterator().next());
        }
        return ports.contains(SCF_PORT) ? OptionalInt.of(SCF_PORT) : OptionalInt.empty();
    }

    static List<Listener> listeners(ProcessHandle root) {
        Set<String> inodes = new HashSet<>();
        Stream.concat(Stream.of(root), root.descendants()).forEach(p -> inodes.addAll(socketInodes(p.pid())));
        List<String> lines = new ArrayList<>();
        for (String table : List.of("net/tcp", "net/tcp6")) {
            try {
                lines.addAll(Files.readAllLines(PROC.resolve(table)));
            } catch (IOException | RuntimeException e) {
                // a table we cannot read tells us nothing
            }
        }
        return TcpListeners.parse(lines, inodes::contains);
    }

    private static Set<String> socketInodes(long pid) {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(PROC.resolve(pid + "/fd"))) {
            fds.forEach(fd -> {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            });
        } catch (IOException e) {
            // the process is gone, or not ours
        }
        return inodes;
    }
}
