package dev.serverlesscontainers.devmode.cli;

import dev.serverlesscontainers.devmode.aws.LiveRoles;
import dev.serverlesscontainers.devmode.control.ControlContext;
import dev.serverlesscontainers.devmode.control.ControlPlane;
import dev.serverlesscontainers.devmode.control.RecentRequests;
import dev.serverlesscontainers.devmode.debug.DebugPlan;
import dev.serverlesscontainers.devmode.debug.DebugSession;
import dev.serverlesscontainers.devmode.http.EventLoops;
import dev.serverlesscontainers.devmode.logs.LogFile;
import dev.serverlesscontainers.devmode.logs.LogHub;
import dev.serverlesscontainers.devmode.liveconfig.ConfigDiff;
import dev.serverlesscontainers.devmode.liveconfig.ConfigLoad;
import dev.serverlesscontainers.devmode.liveconfig.ConfigWatcher;
import dev.serverlesscontainers.devmode.logs.LogPrinter;
import dev.serverlesscontainers.devmode.proxy.AccessLogEntry;
import dev.serverlesscontainers.devmode.proxy.AlbProxy;
import dev.serverlesscontainers.devmode.proxy.ProxyConfig;
import dev.serverlesscontainers.devmode.proxy.ProxyOptions;
import dev.serverlesscontainers.devmode.runtime.ContainerRuntime;
import dev.serverlesscontainers.devmode.supervisor.ContainerStatus;
import dev.serverlesscontainers.devmode.supervisor.ContainerSupervisor;
import dev.serverlesscontainers.devmode.supervisor.Fleet;
import dev.serverlesscontainers.devmode.supervisor.SupervisorOptions;
import dev.serverlesscontainers.devmode.watch.SourceWatcher;
import dev.serverlesscontainers.devmode.watch.WatchFilter;
import dev.serverlesscontainers.model.config.ContainerConfig;
import dev.serverlesscontainers.model.config.ProjectConfig;
import dev.serverlesscontainers.model.routing.NotFound;
import dev.serverlesscontainers.model.routing.Route;
import dev.serverlesscontainers.model.routing.RoutingTable;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * One run of {@code scf-dev dev}: the proxy, the control plane, a supervisor and a watcher per
 * container, started in that order and stopped in the reverse one. Everything it starts it stops
 * in {@link #close()}, which is safe to call from a shutdown hook while starting. With live AWS
 * roles, each new instance gets its role's current credentials, a renewal reloads the container,
 * and every line shown anywhere is masked by the roles' redactor first.
 */
final class DevSession implements AutoCloseable {
    /** Raised when the session cannot start; the message is for the user. */
    static final class StartException extends Exception {
        private static final long serialVersionUID = 1L;

        StartException(String message) {
            super(message, null, false, false);
        }
    }

    /** The last good configuration; replaced when the file changes and the change is applied. */
    private volatile ProjectConfig config;
    private final DevSettings settings;
    private final ContainerRuntime runtime;
    private final PrintWriter out;
    private final Optional<LiveRoles> roles;
    private final LogHub logs;
    private final LogPrinter printer;
    private final Vertx vertx = EventLoops.create();
    private final Fleet fleet;
    private final Map<String, SourceWatcher> watchers = new ConcurrentHashMap<>();
    /** Loads the file again (printing its problems) when it changes; null when the file is not followed. */
    private Supplier<ConfigLoad> reloader;
    /** Set by {@link #followConfig}, started once every container is; null when the file is not followed. */
    private ConfigWatcher configWatcher;
    private volatile ControlContext controlContext;
    private AlbProxy proxy;
    private ControlPlane control;
    private LogFile logFile;
    private final RecentRequests requests = new RecentRequests(Clock.systemUTC());
    /** Set by {@link #start} before the first instance starts; instances read it for their environment. */
    private volatile DebugSession debugging;
    private boolean closed;

    private DevSession(ProjectConfig config, DevSettings settings, ContainerRuntime runtime, PrintWriter out, boolean colour,
                       Optional<LiveRoles> roles) {
        this.config = config;
        this.settings = settings;
        this.runtime = runtime;
        this.out = out;
        this.roles = roles;
        this.logs = new LogHub(Clock.systemUTC(), redactor());
        this.printer = new LogPrinter(out, colour, new ArrayList<>(config.containers().keySet()));
        logs.subscribe(printer);
        SupervisorOptions options = SupervisorOptions.defaults(settings.environment())
                .withStartTimeout(settings.flags().startTimeout()).withDebug(settings.flags().debug())
                .withLambda(settings.flags().lambdaMaxInstances(), settings.region());
        if (roles.isPresent() || !settings.debugPlan().isEmpty()) {
            options = options.withExtraEnvironment(this::extraEnvironment);
        }
        this.fleet = new Fleet(config, runtime, vertx, logs, options);
        // the renewal thread must not wait for a reload: the supervisor queues it on the container's own thread
        roles.ifPresent(r -> r.addRefreshListener((container, environment) ->
                fleet.get(container).ifPresent(s -> s.refresh("its AWS credentials were renewed"))));
    }

    /** Creates a session without AWS credentials; {@link #start} then brings everything up. */
    static DevSession create(ProjectConfig config, DevSettings settings, ContainerRuntime runtime, PrintWriter out, boolean colour) {
        return new DevSession(config, settings, runtime, out, colour, Optional.empty());
    }

    /** Creates a session whose containers run as their AWS roles; closing it does not close {@code roles}. */
    static DevSession create(ProjectConfig config, DevSettings settings, ContainerRuntime runtime, PrintWriter out, boolean colour,
                             LiveRoles roles) {
        return new DevSession(config, settings, runtime, out, colour, Optional.of(roles));
    }

    /**
     * Follow the configuration file while running: when it (or a file it reads) changes, {@code reload} loads
     * it again, printing its problems if it has any, and what changed is applied. Call before {@link #start}.
     *
     * @param loaded the load this session's configuration came from: an edit made since, while the session
     *     starts, is applied once it has started
     */
    synchronized void followConfig(ConfigLoad loaded, Supplier<ConfigLoad> reload) {
        if (loaded.config().filter(c -> c == config).isEmpty()) {
            throw new IllegalArgumentException("followConfig: the load of another configuration than the session's");
        }
        this.reloader = reload;
        this.configWatcher = ConfigWatcher.from(loaded);
    }

    /** A new instance's variables beyond its own: its role's credentials, and what starts its debugger. */
    private Map<String, String> extraEnvironment(String container) {
        Map<String, String> env = new HashMap<>(roles.map(r -> r.environment(container)).orElse(Map.of()));
        DebugSession d = debugging;
        if (d != null) {
            Map<String, String> inherited = new HashMap<>(settings.environment());
            inherited.putAll(config.containers().get(container).environment());
            env.putAll(d.environment(container, inherited));
        }
        return env;
    }

    private UnaryOperator<String> redactor() {
        return roles.<UnaryOperator<String>>map(r -> r.redactor()::redact).orElse(UnaryOperator.identity());
    }

    /** Binds both ports, starts every container and waits for their health checks, then watches for changes. */
    void start(String runtimeDescription) throws StartException {
        openLogFile();
        try {
            DebugSession d = DebugSession.start(vertx, settings.debugPlan(), logs, runtime::debugNetwork);
            synchronized (this) {
                debugging = d;
            }
        } catch (IOException e) {
            throw new StartException(e.getMessage());
        }
        ProxyOptions proxyOptions = ProxyOptions.of(settings.flags().host(), settings.flags().proxyPort()).withAccessLog(accessLog());
        try {
            synchronized (this) {
                proxy = AlbProxy.start(vertx, proxyOptions, ProxyConfig.of(config, settings.region()), fleet);
            }
        } catch (IOException e) {
            throw new StartException(e.getMessage() + " (is another scf-dev running? choose another port with --port-proxy)");
        }
        controlContext = controlContext(config, runtimeDescription);
        try {
            synchronized (this) {
                control = ControlPlane.start(vertx, settings.flags().controlPort(), () -> controlContext, requests, settings.debugPlan());
            }
        } catch (IOException e) {
            throw new StartException(e.getMessage() + " (is another scf-dev running? choose another port with --port-control)");
        }
        Map<String, ContainerSupervisor.Outcome> outcomes = fleet.startAll();
        List<String> cannotStart = new ArrayList<>();
        outcomes.forEach((name, outcome) -> {
            if (outcome == ContainerSupervisor.Outcome.CANNOT_START) {
                cannotStart.add(name);
            }
        });
        if (!cannotStart.isEmpty()) {
            throw new StartException("cannot start " + String.join(", ", cannotStart) + "; the reason is above");
        }
        if (isClosed()) {
            return;
        }
        list(RouteListing.urls(config, settings.flags().host(), proxy.port()));
        watch();
        if (configWatcher != null) {
            configWatcher.start(this::configChanged);
        }
    }

    /** What the control plane reports of {@code project}: each container's address, rule and health check. */
    private ControlContext controlContext(ProjectConfig project, String runtimeDescription) {
        Map<String, String> routes = new LinkedHashMap<>();
        Map<String, String> health = new LinkedHashMap<>();
        for (Route r : RoutingTable.of(project).routes()) {
            routes.put(r.container(), r.describe());
            health.put(r.container(), project.containers().get(r.container()).routing().pathHealthCheck());
        }
        String host = settings.flags().host();
        return new ControlContext(project.name(), project.stage(), runtimeDescription,
                "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + proxy.port(),
                RouteListing.urls(project, host, proxy.port()), routes, health, fleet, logs,
                () -> roles.map(LiveRoles::status).orElse(List.of()), redactor());
    }

    /**
     * The file changed: apply it when it is valid; else its problems are printed and the last good configuration serves on.
     * Returns the load, whose files are watched next.
     */
    private ConfigLoad configChanged() {
        if (isClosed()) {
            return ConfigLoad.beforeTheFile();
        }
        ConfigLoad load = reloader.get();
        if (load.config().isEmpty()) {
            session("config: " + config.configFile() + " has problems (above); still serving the last good configuration");
            return load;
        }
        ProjectConfig loaded = load.config().get();
        ConfigDiff diff = ConfigDiff.between(config, loaded);
        if (diff.isEmpty()) {
            session("config: nothing to apply (no container's settings or rule changed)");
            config = loaded;
            return load;
        }
        new ConfigApplication(this, diff).apply(loaded);
        return load;
    }

    /** One line of scf-dev's own, in the terminal and the log file. */
    void session(String line) {
        printer.session(line);
        LogFile f;
        synchronized (this) {
            f = logFile;
        }
        if (f != null) {
            f.session(line);
        }
    }

    private void openLogFile() throws StartException {
        if (settings.flags().logFile().isEmpty()) {
            return;
        }
        Path file = settings.flags().logFile().get();
        try {
            LogFile opened = LogFile.open(file, new ArrayList<>(config.containers().keySet()), Clock.systemUTC());
            synchronized (this) {
                logFile = opened;
            }
        } catch (IOException e) {
            throw new StartException("--log-file: cannot write " + file + ": " + e.getMessage());
        }
        logs.subscribe(logFile);
    }

    /** Where each answered request goes: the dashboard's list, the terminal with --debug, the log file. */
    private Consumer<AccessLogEntry> accessLog() {
        List<Consumer<AccessLogEntry>> readers = new ArrayList<>();
        readers.add(requests);
        if (settings.flags().debug()) {
            readers.add(e -> printer.session(e.describe()));
        }
        if (logFile != null) {
            LogFile file = logFile;
            readers.add(e -> file.session(e.describe()));
        }
        return e -> readers.forEach(r -> r.accept(e));
    }

    private void list(Map<String, String> urls) {
        synchronized (out) {
            out.println();
            for (Route r : RoutingTable.of(config).routes()) {
                ContainerStatus s = fleet.get(r.container()).orElseThrow().status();
                String state = s.status() == ContainerStatus.Status.RUNNING ? ""
                        : " (not serving: " + s.lastError().map(e -> e.lines().findFirst().orElse(e)).orElse(s.status().label()) + ")";
                out.println("  " + r.container() + " (" + r.computeType().configName() + ") -> " + urls.get(r.container()) + state);
            }
            out.println("  anything else -> " + NotFound.describe());
            for (DebugPlan.Target t : settings.debugPlan().targets().values()) {
                out.println("  " + t.container() + " debugger (" + t.label() + ") -> 127.0.0.1:" + t.port());
            }
            out.println("  control plane -> http://" + ControlPlane.HOST + ":" + control.port() + "/api/containers");
            out.println("  dashboard -> http://" + ControlPlane.HOST + ":" + control.port() + "/");
            out.println();
            out.flush();
        }
    }

    private void watch() {
        List<String> watched = new ArrayList<>();
        for (ContainerSupervisor s : fleet.all()) {
            watch(s, s.container()).ifPresent(watched::add);
        }
        printer.session((watched.isEmpty() ? "not watching any folder" : "watching " + String.join(", ", watched) + " for changes")
                + (configWatcher == null ? "" : " and " + config.configFile().getFileName() + " too")
                + "; Ctrl-C stops everything");
    }

    /**
     * Watches a container's sources as {@code c} says (again, after a change of its settings, which its supervisor
     * takes on only when the replacement begins); the folder watched, relative to the project.
     */
    Optional<String> watch(ContainerSupervisor s, ContainerConfig c) {
        Optional.ofNullable(watchers.remove(c.name())).ifPresent(SourceWatcher::close);
        if (runtime.reloadsItself(config, c)) {
            logs.event(c.name(), "reloads itself (package.json dev script): scf-dev restarts it only when it exits");
            return Optional.empty();
        }
        Path root = c.dev().watchPath().map(p -> config.projectDir().resolve(p).normalize()).orElse(c.src());
        try {
            watchers.put(c.name(), SourceWatcher.start(root, WatchFilter.of(c.dev()), SourceWatcher.DEBOUNCE,
                    changed -> s.reload("changed: " + SourceWatcher.describe(changed))));
            return Optional.of(config.projectDir().relativize(root).toString());
        } catch (IOException e) {
            logs.event(c.name(), "cannot watch " + root + " for changes: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Stops watching a container's sources. */
    void unwatch(String container) {
        Optional.ofNullable(watchers.remove(container)).ifPresent(SourceWatcher::close);
    }

    ProjectConfig config() {
        return config;
    }

    /** Makes {@code next} the configuration new instances and the control plane read. */
    void adopt(ProjectConfig next) {
        config = next;
    }

    /** Routes by {@code next} from now on, and the control plane reports it. */
    void reroute(ProjectConfig next) {
        proxy.reroute(ProxyConfig.of(next, settings.region()));
        controlContext = controlContext(next, controlContext.runtime());
    }

    Duration startTimeout() {
        return settings.flags().startTimeout();
    }

    int proxyPort() {
        return proxy.port();
    }

    int controlPort() {
        return control.port();
    }

    Fleet fleet() {
        return fleet;
    }

    /** Whether {@link #close()} has begun (Ctrl-C during the start, say). */
    synchronized boolean isClosed() {
        return closed;
    }

    /** Stops watching, supervising, every instance (children included), then both servers. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        ConfigWatcher w;
        synchronized (this) {
            w = configWatcher;
        }
        if (w != null) {
            w.close();
        }
        watchers.values().forEach(SourceWatcher::close);
        fleet.close();
        runtime.close();
        AlbProxy p;
        ControlPlane c;
        synchronized (this) {
            p = proxy;
            c = control;
        }
        if (c != null) {
            c.close();
        }
        if (p != null) {
            p.close();
        }
        LogFile f;
        DebugSession d;
        synchronized (this) {
            f = logFile;
            d = debugging;
        }
        if (d != null) {
            d.close();
        }
        if (f != null) {
            f.close();
        }
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(1, TimeUnit.SECONDS);
        } catch (Exception e) {
            // its threads end with the process
        }
    }
}
