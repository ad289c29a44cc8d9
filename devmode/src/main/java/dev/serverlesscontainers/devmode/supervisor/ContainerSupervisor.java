package dev.serverlesscontainers.devmode.supervisor;

import dev.serverlesscontainers.devmode.threads.DaemonThreads;
import dev.serverlesscontainers.devmode.lambda.FunctionPool;
import dev.serverlesscontainers.devmode.lambda.HandlerInstance;
import dev.serverlesscontainers.devmode.logs.LogHub;
import dev.serverlesscontainers.devmode.target.TargetState;
import dev.serverlesscontainers.devmode.target.Upstream;
import dev.serverlesscontainers.devmode.runtime.ContainerRuntime;
import dev.serverlesscontainers.devmode.runtime.Instance;
import dev.serverlesscontainers.devmode.runtime.InstanceSpec;
import dev.serverlesscontainers.devmode.runtime.StartFailure;
import dev.serverlesscontainers.devmode.supervisor.ContainerStatus.Status;
import dev.serverlesscontainers.devmode.supervisor.ReplacementQueue.Kind;
import dev.serverlesscontainers.devmode.supervisor.ReplacementQueue.Reason;
import dev.serverlesscontainers.model.config.Compute;
import dev.serverlesscontainers.model.config.ContainerConfig;
import dev.serverlesscontainers.model.config.Defaults;
import dev.serverlesscontainers.model.config.ProjectConfig;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Keeps one container serving. Every change of instance follows one path: start a new instance,
 * wait until its health check passes, switch the route to it, let the old one finish its requests,
 * then stop the old one. So no request fails during a reload, and a new version that does not
 * start leaves the old one serving. A crashed instance is restarted after a wait ({@link CrashBackoff}).
 *
 * <p>All changes run one at a time on the container's own thread; changes that arrive during a
 * reload coalesce into one more reload ({@link ReplacementQueue}). A changed configuration takes effect
 * the same way: the next instance is started from it ({@link #reconfigure}).
 */
public final class ContainerSupervisor implements AutoCloseable {

    /** What the first start came to. */
    public enum Outcome { HEALTHY, UNHEALTHY, CANNOT_START }

    private record Configured(ProjectConfig project, ContainerConfig container) {}
    /** How much of a failed instance's output a failure report repeats: enough for a stack trace's head. */
    static final int LAST_LINES = 15;

    /** The configuration instances start from; changed only on the container's thread, at the start of a replacement. */
    private volatile ProjectConfig project;
    private volatile ContainerConfig container;
    private final ContainerRuntime runtime;
    private final Vertx vertx;
    private final LogHub logs;
    private final SupervisorOptions options;
    private final ScheduledExecutorService timers;
    private final Clock clock;
    private final ExecutorService worker;
    private final ReplacementQueue<Configured> replacements;
    private final CrashBackoff backoff;
    private final Retirements retirements;
    /** For an {@code awsLambda} container: how its instances get a Runtime API. Null for others. Container thread only. */
    private HandlerLaunches handlerLaunches;

    private final Object lock = new Object();
    private Instance current;
    private Upstream currentUpstream;
    private Status status = Status.STARTING;
    private int restarts;
    private int reloads;
    private Instant lastReload;
    private String lastError;
    private ScheduledFuture<?> pendingRetry;
    private boolean closed;
    private volatile TargetState target;
    /** Whether the last instance got a deployment warning: a reload that keeps the mistake does not repeat it. Container thread only. */
    private boolean warnedAboutDeployment;
    /** Whether the app was found to ignore PORT: said once. Container thread only. */
    private boolean saidFixedPort;

    public ContainerSupervisor(ProjectConfig project, ContainerConfig container, ContainerRuntime runtime, Vertx vertx, LogHub logs,
                               SupervisorOptions options, ScheduledExecutorService timers, Clock clock) {
        this.project = project;
        this.container = container;
        this.runtime = runtime;
        this.vertx = vertx;
        this.logs = logs;
        this.options = options;
        this.timers = timers;
        this.clock = clock;
        this.worker = Executors.newSingleThreadExecutor(DaemonThreads.named("scf-dev-" + container.name()));
        this.replacements = new ReplacementQueue<>(worker, this::replace);
        this.backoff = new CrashBackoff(options.firstRetry(), options.maxRetry(), clock);
        this.retirements = new Retirements(container.name(), logs, options);
        this.target = new TargetState.NotServing(TargetState.Why.STARTING, container.name() + " is starting");
        this.handlerLaunches = handlerLaunches(project, container);
    }

    private HandlerLaunches handlerLaunches(ProjectConfig p, ContainerConfig c) {
        return c.compute() instanceof Compute.Lambda ? new HandlerLaunches(p, c, runtime, vertx, logs, options) : null;
    }

    public String name() {
        return container.name();
    }

    public ContainerConfig container() {
        return container;
    }

    /** Where the proxy sends this container's requests right now. */
    public TargetState target() {
        return target;
    }

    /** Starts the first instance; completes once it is healthy, or once it is clear it is not. */
    public CompletableFuture<Outcome> start() {
        return CompletableFuture.supplyAsync(() -> replace(new Reason(Kind.START, "start")), worker);
    }

    /** A file changed: replace the instance with a new one, without dropping requests. */
    public void reload(String why) {
        enqueue(new Reason(Kind.RELOAD, why));
    }

    /**
     * The container's configuration changed (its environment, compute, {@code src}, build or dev settings):
     * replace the instance with one started from {@code changed}, as a reload, so no request fails. The
     * configuration is kept even when that instance does not start: a later restart uses it too.
     */
    public void reconfigure(ProjectConfig changedProject, ContainerConfig changed, String why) {
        synchronized (lock) {
            if (!closed && replacements.add(new Reason(Kind.RELOAD, why), new Configured(changedProject, changed))) {
                cancelRetry();
            }
        }
    }

    /** Restart on request (control plane): the same zero-downtime replacement. */
    public void restart() {
        enqueue(new Reason(Kind.RESTART, "restart requested"));
    }

    /**
     * The instance's environment changed (renewed AWS credentials): replace it the zero-downtime way,
     * without running {@code dev.hooks.onreload}, since the code did not change. A crashed or failed
     * container is left to its pending restart, which asks for the environment anew.
     */
    public void refresh(String why) {
        synchronized (lock) {
            if (status == Status.CRASHED || status == Status.FAILED) {
                return;
            }
        }
        enqueue(new Reason(Kind.REFRESH, why));
    }

    public ContainerStatus status() {
        synchronized (lock) {
            return new ContainerStatus(container.name(), container.compute().type().configName(), status,
                    Optional.ofNullable(current).map(Instance::id),
                    Optional.ofNullable(current).map(i -> "127.0.0.1:" + i.address().getPort()),
                    restarts, reloads, Optional.ofNullable(lastReload), Optional.ofNullable(lastError));
        }
    }

    /** Queues a replacement: a retry that was waiting is superseded by it. */
    private void enqueue(Reason reason) {
        synchronized (lock) {
            if (!closed && replacements.add(reason)) {
                cancelRetry();
            }
        }
    }

    private void cancelRetry() {
        if (pendingRetry != null) {
            pendingRetry.cancel(false);
            pendingRetry = null;
        }
    }

    private Outcome replace(Reason reason) {
        Instance old;
        Upstream oldUpstream;
        synchronized (lock) {
            if (closed) {
                return Outcome.UNHEALTHY;
            }
            Optional<Configured> changed = replacements.takeConfiguration();
            if (changed.isPresent()) {
                project = changed.get().project();
                container = changed.get().container();
                // the serving instance, a pool of the former launches perhaps, retires as any other
                handlerLaunches = handlerLaunches(project, container);
            }
            old = current;
            oldUpstream = currentUpstream;
            status = old == null ? Status.STARTING : Status.RELOADING;
        }
        StepTimes steps = new StepTimes();
        if (reason.kind() == Kind.REFRESH) {
            logs.event(name(), "reloading: " + reason.why());
        }
        if (reason.kind() == Kind.RELOAD || reason.kind() == Kind.RESTART) {
            logs.event(name(), (reason.kind() == Kind.RELOAD ? "reloading: " : "") + reason.why());
            Optional<String> onReload = container.dev().onReload();
            if (onReload.isPresent()) {
                Optional<String> hookFailure = runHook(onReload.get());
                if (hookFailure.isPresent()) {
                    failed(old, hookFailure.get());
                    return Outcome.UNHEALTHY;
                }
                steps.hookDone();
            }
        }
        TargetState.Held hold = old != null && old.onFixedPort() ? holdAndStop(old, oldUpstream) : null;
        try {
            return startAndSwitch(reason, hold == null ? old : null, hold == null ? oldUpstream : null, steps);
        } finally {
            if (hold != null) {
                release(hold);
            }
        }
    }

    /**
     * The old instance listens on a fixed port, which the new one needs: requests wait in the proxy
     * while the old one finishes what it took and stops; the new one then starts on the freed port.
     */
    private TargetState.Held holdAndStop(Instance old, Upstream oldUpstream) {
        TargetState.Held hold = new TargetState.Held(name() + " is being replaced on its fixed port " + old.address().getPort(),
                new CompletableFuture<>());
        synchronized (lock) {
            target = hold;
            current = null;
            currentUpstream = null;
        }
        detail("holding requests while " + old.id() + " stops: the new instance needs its port " + old.address().getPort());
        try {
            if (!oldUpstream.drain(options.drainTimeout())) {
                logs.event(name(), old.id() + " still had " + oldUpstream.inFlight() + " requests after "
                        + options.drainTimeout().toSeconds() + " s; stopping it anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        oldUpstream.close();
        stop(old);
        return hold;
    }

    /** Lets held requests go on: to the new instance, or to the answer of a container that is not serving. */
    private void release(TargetState.Held hold) {
        synchronized (lock) {
            if (target == hold) {
                target = new TargetState.NotServing(TargetState.Why.FAILED, name() + " is not running: its replacement did not start");
            }
        }
        hold.released().complete(null);
    }

    private Outcome startAndSwitch(Reason reason, Instance old, Upstream oldUpstream, StepTimes steps) {
        Instance fresh;
        HandlerInstance handler = null;
        try {
            if (handlerLaunches != null) {
                handler = handlerLaunches.launch();
                fresh = handler.instance();
            } else {
                fresh = runtime.start(new InstanceSpec(project, container, options.extraEnvironment().apply(name()), logs));
            }
        } catch (StartFailure e) {
            failed(old, e.getMessage() + Reports.lines(e.output()));
            return Outcome.CANNOT_START;
        }
        steps.started();
        detail("started " + fresh.id() + " on port " + fresh.address().getPort() + "; waiting for GET "
                + container.routing().pathHealthCheck());
        fresh.exited().whenComplete((code, error) -> exited(fresh, code == null ? -1 : code));
        HealthCheck.Result health;
        try {
            health = HealthCheck.await(fresh, container, options.startTimeout(), hint -> logs.event(name(), hint), this::onFixedPort,
                    handler == null ? null : handler.api().firstPoll());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(fresh);
            closeApi(handlerLaunches, handler);
            return Outcome.UNHEALTHY;
        }
        steps.healthy();
        if (!health.healthy()) {
            stop(fresh);
            closeApi(handlerLaunches, handler);
            failed(old, fresh.id() + " did not become healthy: " + health.detail() + howItStarted(fresh)
                    + (handler == null ? "" : HandlerLaunches.hint(container, handler))
                    + Reports.lines(logs.lastOutput(name(), fresh.id(), LAST_LINES)));
            return Outcome.UNHEALTHY;
        }
        Instance serving = fresh;
        Upstream upstream;
        if (health.handler()) {
            FunctionPool pool = handlerLaunches.pool(handler);  // the API is the pool's own from now on
            serving = pool;
            upstream = Upstream.invoking(name(), fresh.id(), fresh.address(), pool);
        } else {
            if (handler != null) {
                handlerLaunches.servesHttp(handler); // an HTTP Lambda app: its requests go to PORT, as on Lambda through the Web Adapter
            }
            upstream = Upstream.http(name(), fresh.id(), fresh.address());
        }
        synchronized (lock) {
            if (closed) {
                upstream.close();
                stop(serving);
                return Outcome.UNHEALTHY;
            }
            current = serving;
            currentUpstream = upstream;
            target = new TargetState.Serving(upstream);
            status = Status.RUNNING;
            lastError = null;
            backoff.healthy();
            steps.switched();
            if (reason.kind() == Kind.RELOAD || reason.kind() == Kind.REFRESH) {
                reloads++;
                lastReload = clock.instant();
            } else if (reason.kind() != Kind.START) {
                restarts++;
            }
        }
        String took = health.took().toMillis() + " ms";
        String how = health.handler() ? " polls the Lambda Runtime API (handler mode: requests become function URL events; initialised in "
                + took + ")" : null;
        if (handler != null && !health.handler()) {
            how = " answers HTTP on port " + fresh.address().getPort() + " (HTTP mode: requests are proxied; healthy after " + took + ")";
        }
        logs.event(name(), old == null ? "ready: " + fresh.id() + (how != null ? how : " answers on port " + fresh.address().getPort() + " (healthy after " + took + ")")
                : "now serving " + fresh.id() + (how != null ? how : " (healthy after " + took + ")") + "; " + old.id() + " finishes its requests and stops");
        detail(steps.describe());
        warnAboutDeployment(fresh);
        if (old != null && oldUpstream != null) {
            retirements.retire(old, oldUpstream);
        }
        return Outcome.HEALTHY;
    }

    /** For an app that did not come up: the command scf-dev chose, and how to choose another. */
    private String howItStarted(Instance fresh) {
        return fresh.startedWith().filter(c -> container.dev().command().isEmpty())
                .map(c -> "\n  it ran " + c + "; if that is not how the app starts, set containers." + name()
                        + ".dev.command in " + Defaults.CONFIG_FILE_NAME)
                .orElse("");
    }

    /** Said once: what scf-dev does for an app that ignores PORT, and what that costs at each reload. */
    private void onFixedPort(String notice) {
        if (!saidFixedPort) {
            saidFixedPort = true;
            logs.event(name(), notice + ". Two instances cannot share that port, so each reload holds requests in the proxy while "
                    + "the old instance stops and the new one starts: none fails, they wait as long as the app takes to start. "
                    + "Listen on PORT to reload without the wait");
        }
    }

    private static void closeApi(HandlerLaunches launches, HandlerInstance handler) {
        if (handler != null) {
            launches.discard(handler);
        }
    }

    private void warnAboutDeployment(Instance fresh) {
        Optional<String> warning = fresh.deploymentWarning();
        if (warning.isPresent() && !warnedAboutDeployment) {
            logs.event(name(), "warning: " + warning.get());
        }
        warnedAboutDeployment = warning.isPresent();
    }

    /** A new instance could not be made to serve: keep the old one if there is one, else retry later. */
    private void failed(Instance old, String why) {
        logs.event(name(), why);
        synchronized (lock) {
            lastError = why;
            if (old != null && old == current) {
                status = Status.RUNNING;
                logs.event(name(), "kept " + old.id() + " serving the previous version");
                return;
            }
            status = Status.FAILED;
            target = new TargetState.NotServing(TargetState.Why.FAILED, name() + " is not running: " + Reports.firstLine(why));
            scheduleRetry(new Reason(Kind.RECOVER, "retrying after a failed start"));
        }
    }

    private void exited(Instance instance, int code) {
        if (retirements.exitWasExpected(instance)) {
            return;
        }
        Upstream upstream;
        Duration delay;
        synchronized (lock) {
            if (closed || instance != current) {
                return; // not serving yet: its health check reports the exit
            }
            upstream = currentUpstream;
            current = null;
            currentUpstream = null;
            delay = backoff.afterCrash();
            String why = instance.id() + " exited with code " + HealthCheck.exitCode(CompletableFuture.completedFuture(code));
            lastError = why;
            status = Status.CRASHED;
            target = new TargetState.NotServing(TargetState.Why.CRASHED, name() + ": " + why + "; restarting in " + Reports.seconds(delay));
            scheduleRetry(new Reason(Kind.RECOVER, "restart after a crash"), delay);
        }
        upstream.close();
        logs.event(name(), instance.id() + " exited with code " + HealthCheck.exitCode(CompletableFuture.completedFuture(code))
                + "; restarting in " + Reports.seconds(delay) + Reports.lines(logs.lastOutput(name(), instance.id(), LAST_LINES)));
    }

    private void scheduleRetry(Reason reason) {
        scheduleRetry(reason, backoff.afterFailedStart());
    }

    private void scheduleRetry(Reason reason, Duration delay) {
        cancelRetry();
        pendingRetry = timers.schedule(() -> enqueue(reason), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private Optional<String> runHook(String command) {
        try {
            detail("running dev.hooks.onreload: " + command);
            return ReloadHook.run(command, container, options.hostEnvironment(), logs, options.startTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    private void stop(Instance instance) {
        retirements.stop(instance);
    }

    private void detail(String text) {
        if (options.debug()) {
            logs.event(name(), text);
        }
    }

    /**
     * Stops supervising: no more restarts or reloads, the proxy answers 503. The runtime stops the
     * instances themselves when it is closed, all at once.
     */
    @Override
    public void close() {
        Upstream upstream;
        synchronized (lock) {
            closed = true;
            cancelRetry();
            upstream = currentUpstream;
            if (current != null) {
                retirements.expectExit(current);
            }
            if (current instanceof FunctionPool pool) {
                pool.shutDown();
            }
            status = Status.STOPPED;
            target = new TargetState.NotServing(TargetState.Why.STOPPED, "scf-dev is stopping");
        }
        worker.shutdownNow();
        retirements.shutdown();
        if (upstream != null) {
            upstream.close();
        }
    }

    /**
     * The container was removed from the configuration, and the proxy no longer routes to it: stop
     * supervising, let the serving instance answer what it took, then stop it.
     */
    public void retire() {
        Instance old;
        Upstream oldUpstream;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            cancelRetry();
            old = current;
            oldUpstream = currentUpstream;
            current = null;
            currentUpstream = null;
            status = Status.STOPPED;
            target = new TargetState.NotServing(TargetState.Why.STOPPED, name() + " was removed from the configuration");
        }
        // a start under way stops its instance when it finds the container closed
        worker.shutdownNow();
        if (old != null) {
            retirements.retire(old, oldUpstream);
        }
        retirements.finish();
    }

}
