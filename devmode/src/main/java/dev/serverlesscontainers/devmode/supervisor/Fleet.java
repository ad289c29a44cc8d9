package dev.serverlesscontainers.devmode.supervisor;

import dev.serverlesscontainers.devmode.threads.DaemonThreads;
import dev.serverlesscontainers.devmode.logs.LogHub;
import dev.serverlesscontainers.devmode.target.TargetState;
import dev.serverlesscontainers.devmode.target.Targets;
import dev.serverlesscontainers.devmode.runtime.ContainerRuntime;
import dev.serverlesscontainers.model.config.ContainerConfig;
import dev.serverlesscontainers.model.config.ProjectConfig;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The supervisors of every container of a project; the proxy's source of targets. Containers come and
 * go as the configuration changes; the proxy reads the map on every request, so it is replaced whole.
 */
public final class Fleet implements Targets, AutoCloseable {
    private volatile Map<String, ContainerSupervisor> supervisors = Map.of();
    private final ContainerRuntime runtime;
    private final Vertx vertx;
    private final LogHub logs;
    private final SupervisorOptions options;
    private boolean closed;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("scf-dev-timers"));

    public Fleet(ProjectConfig project, ContainerRuntime runtime, Vertx vertx, LogHub logs, SupervisorOptions options) {
        this.runtime = runtime;
        this.vertx = vertx;
        this.logs = logs;
        this.options = options;
        Map<String, ContainerSupervisor> all = new LinkedHashMap<>();
        for (ContainerConfig c : project.containers().values()) {
            all.put(c.name(), supervisor(project, c));
        }
        supervisors = Collections.unmodifiableMap(all);
    }

    private ContainerSupervisor supervisor(ProjectConfig project, ContainerConfig c) {
        return new ContainerSupervisor(project, c, runtime, vertx, logs, options, timers, Clock.systemUTC());
    }

    /** Starts supervising a container the configuration gained; completes once its first instance is healthy, or is not. */
    public synchronized CompletableFuture<ContainerSupervisor.Outcome> add(ProjectConfig project, ContainerConfig c) {
        if (closed) {
            // scf-dev is stopping: a change applied just now must not start what nothing would stop
            return CompletableFuture.completedFuture(ContainerSupervisor.Outcome.UNHEALTHY);
        }
        ContainerSupervisor s = supervisor(project, c);
        Map<String, ContainerSupervisor> all = new LinkedHashMap<>(supervisors);
        all.put(c.name(), s);
        supervisors = Collections.unmodifiableMap(all);
        return s.start();
    }

    /** Stops supervising a container the configuration lost: its instance finishes its requests and stops. */
    public synchronized void remove(String name) {
        Map<String, ContainerSupervisor> all = new LinkedHashMap<>(supervisors);
        ContainerSupervisor s = all.remove(name);
        supervisors = Collections.unmodifiableMap(all);
        if (s != null) {
            s.retire();
        }
    }

    @Override
    public TargetState state(String container) {
        ContainerSupervisor s = supervisors.get(container);
        return s == null ? new TargetState.NotServing(TargetState.Why.STOPPED, container + " is not supervised") : s.target();
    }

    /** Starts every container at once; completes when each is healthy or has failed. */
    public Map<String, ContainerSupervisor.Outcome> startAll() {
        Map<String, CompletableFuture<ContainerSupervisor.Outcome>> starts = new LinkedHashMap<>();
        supervisors.forEach((name, s) -> starts.put(name, s.start()));
        Map<String, ContainerSupervisor.Outcome> outcomes = new LinkedHashMap<>();
        starts.forEach((name, f) -> outcomes.put(name, f.exceptionally(e -> ContainerSupervisor.Outcome.UNHEALTHY).join()));
        return outcomes;
    }

    public Optional<ContainerSupervisor> get(String name) {
        return Optional.ofNullable(supervisors.get(name));
    }

    public List<ContainerSupervisor> all() {
        return new ArrayList<>(supervisors.values());
    }

    public List<ContainerStatus> statuses() {
        return supervisors.values().stream().map(ContainerSupervisor::status).toList();
    }

    @Override
    public synchronized void close() {
        closed = true;
        supervisors.values().forEach(ContainerSupervisor::close);
        timers.shutdownNow();
    }
}
