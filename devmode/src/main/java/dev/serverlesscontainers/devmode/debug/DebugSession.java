package dev.serverlesscontainers.devmode.debug;

import dev.serverlesscontainers.devmode.logs.LogEntry;
import dev.serverlesscontainers.devmode.logs.LogHub;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/**
 * {@code --debug-port} for one run of scf-dev: a relay per debugged container on its stable port,
 * the environment that switches each new instance's debugger on, and the ports those debuggers
 * report in the container's log.
 */
public final class DebugSession implements AutoCloseable {
    /** Debugger ports remembered per container: the newest instances' (a reload briefly has two, npm and Maven add one). */
    private static final int REMEMBERED = 8;

    private final DebugPlan plan;
    private final Path helpers;
    private DebugNetwork network = DebugNetwork.THIS_MACHINE;
    private final Map<String, LinkedList<Integer>> listening = new HashMap<>();
    private final List<DebugRelay> relays = new ArrayList<>();
    private Runnable unsubscribe = () -> { };

    private DebugSession(DebugPlan plan, Path helpers) {
        this.plan = plan;
        this.helpers = helpers;
    }

    /**
     * Binds every debugged container's port and starts reading their logs for their debuggers' ports.
     *
     * @throws IOException a port is taken (the message names it), or the Python helper cannot be written
     */
    public static DebugSession start(Vertx vertx, DebugPlan plan, LogHub logs) throws IOException {
        return start(vertx, plan, logs, (containers, helpers) -> DebugNetwork.THIS_MACHINE);
    }

    /**
     * As {@link #start(Vertx, DebugPlan, LogHub)}, for a runtime whose instances' debuggers are reached
     * through {@code network}, made for the debugged containers and the folder of the Python helper.
     */
    public static DebugSession start(Vertx vertx, DebugPlan plan, LogHub logs,
                                     BiFunction<Set<String>, Path, DebugNetwork> network) throws IOException {
        DebugSession session = new DebugSession(plan, plan.isEmpty() ? null : pythonHelpers());
        if (!plan.isEmpty()) {
            session.network = network.apply(Set.copyOf(plan.containers()), session.helpers);
        }
        try {
            for (DebugPlan.Target t : plan.targets().values()) {
                try {
                    session.relays.add(DebugRelay.start(vertx, t.port(), () -> session.candidates(t.container())));
                } catch (IOException e) {
                    throw new IOException("--debug-port " + t.container() + "=" + t.port() + ": " + e.getMessage()
                            + " (choose another port with --debug-port " + t.container() + "=PORT)", e);
                }
            }
        } catch (IOException e) {
            session.close();
            throw e;
        }
        session.unsubscribe = logs.subscribe(session::read);
        return session;
    }

    /** What a new instance of {@code container} gets to start its debugger; empty when it is not debugged. */
    public Map<String, String> environment(String container, Map<String, String> inherited) {
        Map<String, String> env = new HashMap<>();
        plan.target(container).ifPresent(t -> t.debuggers().forEach(d ->
                env.putAll(d.environment(inherited, network.helpers(helpers), network.listenAddress()))));
        return env;
    }

    public Optional<DebugPlan.Target> target(String container) {
        return plan.target(container);
    }

    public DebugPlan plan() {
        return plan;
    }

    private void read(LogEntry entry) {
        Optional<DebugPlan.Target> target = plan.target(entry.container());
        if (target.isEmpty() || entry.source() == LogEntry.Source.SCF_DEV) {
            return;
        }
        for (Debugger d : target.get().debuggers()) {
            d.listeningPort(entry.text()).flatMap(printed -> network.reachable(entry.instance(), printed)).ifPresent(port -> {
                synchronized (listening) {
                    LinkedList<Integer> ports = listening.computeIfAbsent(entry.container(), c -> new LinkedList<>());
                    ports.remove(port);
                    ports.addFirst(port);
                    while (ports.size() > REMEMBERED) {
                        ports.removeLast();
                    }
                }
            });
        }
    }

    private List<Integer> candidates(String container) {
        synchronized (listening) {
            return new ArrayList<>(listening.getOrDefault(container, new LinkedList<>()));
        }
    }

    /** sitecustomize.py in a folder of its own, for PYTHONPATH. */
    private static Path pythonHelpers() throws IOException {
        Path dir = Files.createTempDirectory("scf-dev-debug-");
        try (InputStream in = DebugSession.class.getResourceAsStream("/debug/sitecustomize.py")) {
            Files.copy(in, dir.resolve("sitecustomize.py"));
        }
        return dir;
    }

    @Override
    public void close() {
        unsubscribe.run();
        relays.forEach(DebugRelay::close);
        if (helpers != null) {
            try (Stream<Path> files = Files.walk(helpers)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException e) {
                // a temporary folder: the system clears it
            }
        }
    }
}
