package dev.serverlesscontainers.devmode.process;

import dev.serverlesscontainers.devmode.threads.DaemonThreads;
import dev.serverlesscontainers.devmode.runtime.Instance;
import dev.serverlesscontainers.devmode.runtime.LogSink;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A container running as a host process (and whatever that process starts). */
final class ProcessInstance implements Instance {
    private final Process process;
    private final String container;
    private final String id;
    private final int port;
    private final String startedWith;
    /** The port the app listens on when it ignores {@code PORT}; 0 while it has none of its own. */
    private volatile int fixedPort;
    private final CompletableFuture<Integer> exited;
    private final Thread stdout;
    private final Thread stderr;
    private boolean stopped;

    ProcessInstance(Process process, String container, int port, String startedWith, LogSink logs) {
        this.process = process;
        this.startedWith = startedWith;
        this.container = container;
        this.id = "pid " + process.pid();
        this.port = port;
        this.stdout = pump(process.getInputStream(), LogSink.Stream.STDOUT, logs);
        this.stderr = pump(process.getErrorStream(), LogSink.Stream.STDERR, logs);
        // report the exit once the output has been read to its end, so that the last lines are logged first
        this.exited = process.onExit().thenApplyAsync(p -> {
            join(stdout);
            join(stderr);
            return p.exitValue();
        });
    }

    @Override
    public String id() {
        return id;
    }

    long pid() {
        return process.pid();
    }

    @Override
    public InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", fixedPort != 0 ? fixedPort : port);
    }

    @Override
    public Optional<String> followFixedPort() {
        if (!process.isAlive()) {
            return Optional.empty();
        }
        // looked at again each time: an app that opens another listener first and PORT later is served on PORT
        int own = ListeningSockets.ownPort(process.toHandle(), port).orElse(0);
        boolean first = fixedPort == 0 && own != 0;
        fixedPort = own;
        return first ? Optional.of("it ignores PORT (" + port + ") and listens on " + own + ": scf-dev sends its requests there")
                : Optional.empty();
    }

    @Override
    public Optional<String> startedWith() {
        return Optional.of(startedWith);
    }

    @Override
    public boolean onFixedPort() {
        return fixedPort != 0;
    }

    @Override
    public CompletionStage<Integer> exited() {
        return exited;
    }

    @Override
    public synchronized void stop(Duration grace) {
        if (stopped) {
            return;
        }
        stopped = true;
        ProcessTree.stop(process.toHandle(), grace);
        try {
            process.waitFor(1, java.util.concurrent.TimeUnit.SECONDS); // reaped, so that exited() completes
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        join(stdout);
        join(stderr);
    }

    @Override
    public Optional<String> listeningProblem() {
        return process.isAlive() ? ListeningSockets.problem(process.toHandle(), address().getPort()) : Optional.empty();
    }

    @Override
    public Optional<String> deploymentWarning() {
        return process.isAlive() ? ListeningSockets.deploymentProblem(process.toHandle(), address().getPort()) : Optional.empty();
    }

    private Thread pump(InputStream stream, LogSink.Stream kind, LogSink logs) {
        return DaemonThreads.readLines("scf-dev-" + container + "-" + kind.name().toLowerCase(java.util.Locale.ROOT), stream,
                line -> logs.line(container, id, kind, line));
    }

    private static void join(Thread t) {
        try {
            t.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
