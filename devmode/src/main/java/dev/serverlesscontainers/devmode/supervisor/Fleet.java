package dev.serverlesscontainers.devmode.supervisor;

import dev.serverlesscontainers.devmode.logs.LogHub;
import dev.serverlesscontainers.devmode.target.TargetState;
import dev.serverlesscontainers.devmode.target.Targets;
import dev.serverlesscontainers.devmode.runtime.ContainerRuntime;
import dev.serverlesscontainers.model.ContainerConfig;
import dev.serverlesscontainers.model.ProjectConfig;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** The supervisors of every container of a project; the proxy's source of targets. */
public final class Fleet implements Targets, AutoCloseable {
    private final Map<String, ContainerSupervisor> supervisors = new LinkedHashMap<>();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "scf-dev-timers");
        t.setDaemon(true);
        return t;
    });

    public Fleet(ProjectConfig project, ContainerRuntime runtime, Vertx vertx, LogHub logs, SupervisorOptions options) {
        for (ContainerConfig c : project.containers().values()) {
            supervisors.put(c.name(), new ContainerSupervisor(project, c, runtime, vertx, logs, options, timers, Clock.systemUTC()));
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
    public void close() {
        supervisors.values().forEach(ContainerSupervisor::close);
        timers.shutdownNow();
    }
}
