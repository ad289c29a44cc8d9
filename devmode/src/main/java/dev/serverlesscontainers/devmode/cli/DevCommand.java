package dev.serverlesscontainers.devmode.cli;

import dev.serverlesscontainers.devmode.aws.AwsOptions;
import dev.serverlesscontainers.devmode.aws.AwsReporter;
import dev.serverlesscontainers.devmode.aws.AwsSetupException;
import dev.serverlesscontainers.devmode.aws.LiveRoles;
import dev.serverlesscontainers.devmode.debug.DebugPlan;
import dev.serverlesscontainers.devmode.docker.DockerRuntimeProvider;
import dev.serverlesscontainers.devmode.logs.Ansi;
import dev.serverlesscontainers.devmode.runtime.ContainerRuntime;
import dev.serverlesscontainers.devmode.runtime.RuntimeEnvironment;
import dev.serverlesscontainers.devmode.runtime.StartFailure;
import dev.serverlesscontainers.model.load.Problem;
import dev.serverlesscontainers.model.config.ProjectConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code scf-dev dev} (the default command): run every container locally behind the ALB emulator. */
@Command(name = "dev", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run every container of serverless.containers.yml on this machine: an ALB emulator routes requests "
                + "to them as the deployed architecture would, a control plane and a dashboard (http://127.0.0.1:3001/) report "
                + "and steer them, and code changes reload them without dropping a request.",
            "The file itself is live: an edit of it (or of .env, or a file it reads with ${file()}) is validated and applied "
                + "container by container without dropping a request (added, rerouted, replaced, removed); one with problems is "
                + "reported as validate reports it, and the last good configuration serves on.",
            "Ctrl-C (or SIGTERM) stops and removes everything it started.",
            "Exit codes: 1 a container could not be started, a port is taken or the runtime asked for is not available, "
                + "2 invalid input."})
final class DevCommand implements Callable<Integer> {
    /** Kept here: java.util.logging holds loggers weakly, and a collected logger forgets its level. */
    private static final Logger[] QUIET = {Logger.getLogger("io.vertx"), Logger.getLogger("io.netty")};

    private final PrintWriter out;
    private final PrintWriter err;
    private final Map<String, String> environment;

    @Mixin
    ConfigOptions options = new ConfigOptions();

    @Option(names = "--debug", description = "Also print each request (route, status, latency), each lifecycle step, every image build's output "
                    + "and every AWS call.")
    boolean debug;

    @Option(names = "--port-proxy", paramLabel = "PORT", defaultValue = "3000",
            description = "Port of the ALB emulator (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int proxyPort;

    @Option(names = "--port-control", paramLabel = "PORT", defaultValue = "3001",
            description = "Port of the control plane and the dashboard, always on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0 picks a "
                    + "free one).")
    int controlPort;

    @Option(names = "--runtime", paramLabel = "RUNTIME", defaultValue = "auto",
            description = "auto, docker or process (default: ${DEFAULT-VALUE}: docker when an engine answers and has, or can pull, "
                    + "the base images; else process).")
    String runtime;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address the ALB emulator listens on (default: ${DEFAULT-VALUE}; 0.0.0.0 exposes it to your network).")
    String host;

    @Option(names = "--start-timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long a new instance may take to pass its health check (default: ${DEFAULT-VALUE}).")
    int startTimeout;

    @Option(names = "--lambda-max-instances", paramLabel = "N", defaultValue = "10",
            description = "The most execution environments a handler-style awsLambda container runs at once; under concurrent "
                    + "requests, more start up to this many, each taking one request at a time (default: ${DEFAULT-VALUE}).")
    int lambdaMaxInstances;

    @Option(names = "--base-image", paramLabel = "NAME=IMAGE", mapFallbackValue = "",
            description = {"Docker runtime: the image that generated Dockerfiles and mounted apps of NAME (node, python, java, "
                    + "java-build) start from, e.g. on your registry mirror; repeatable (default: env SCF_BASE_IMAGE_NODE, "
                    + "SCF_BASE_IMAGE_PYTHON, SCF_BASE_IMAGE_JAVA, SCF_BASE_IMAGE_JAVA_BUILD, else node:20-slim, python:3.12-slim, "
                    + "eclipse-temurin:21-jre, maven:3.9-eclipse-temurin-21)."})
    Map<String, String> baseImages = new LinkedHashMap<>();

    @Option(names = "--log-file", paramLabel = "FILE",
            description = "Also write every container's log and the request log, uncoloured and with times, to FILE (emptied "
                    + "at start; default: none).")
    Path logFile;

    @Option(names = "--debug-port", paramLabel = "CONTAINER[=PORT]",
            description = {"Start CONTAINER's instances with their language's debugger (Node.js inspector, Python debugpy, "
                    + "Java JDWP) reachable on 127.0.0.1:PORT, which stays the same across reloads; repeatable; all for every "
                    + "container (default port: 9229, then 9230 and on, in the file's order). In Docker the debugger listens in "
                    + "the container, published on 127.0.0.1 only."})
    List<String> debugPorts = new ArrayList<>();

    @Mixin
    AwsOptions aws = new AwsOptions();

    DevCommand(PrintWriter out, PrintWriter err, Map<String, String> environment) {
        this.out = out;
        this.err = err;
        this.environment = environment;
    }

    @Override
    public Integer call() throws InterruptedException {
        String invalid = invalidFlags();
        if (invalid != null) {
            err.println("scf-dev: " + invalid);
            return ExitCode.INVALID_INPUT;
        }
        Optional<ProjectConfig> loaded = options.load(environment, aws, err);
        if (loaded.isEmpty()) {
            return ExitCode.INVALID_INPUT;
        }
        ProjectConfig config = loaded.get();
        DebugPlan debugPlan;
        try {
            debugPlan = DebugPlan.of(debugPorts, config);
        } catch (DebugPlan.Invalid e) {
            err.println("scf-dev: " + e.getMessage());
            err.flush();
            return ExitCode.INVALID_INPUT;
        }
        for (Problem w : config.warnings()) {
            err.println("warning: " + w);
        }
        err.flush();
        LiveRoles roles;
        try {
            // before any container starts: each one's first instance gets its role's credentials
            roles = LiveRoles.start(config, aws.settings(environment), reporter());
        } catch (AwsSetupException e) {
            e.problems().forEach(p -> err.println("error: " + p));
            err.flush();
            return ExitCode.INVALID_INPUT;
        }
        RuntimeSelection.Choice choice;
        ContainerRuntime containers;
        try {
            RuntimeEnvironment runtimeEnvironment = new RuntimeEnvironment(runtimeVariables(), config, debug, notice -> {
                err.println("scf-dev: " + notice);
                err.flush();
            });
            choice = RuntimeSelection.choose(runtime, RuntimeSelection.registered(), runtimeEnvironment);
            containers = choice.provider().create(runtimeEnvironment);
        } catch (RuntimeSelection.Unavailable | StartFailure e) {
            err.println("error: " + e.getMessage());
            err.flush();
            roles.close();
            return ExitCode.FAILURE;
        }
        if (!debug) {
            for (Logger l : QUIET) {
                l.setLevel(Level.SEVERE);
            }
        }
        synchronized (out) {
            out.println("scf-dev: " + config.name() + " (stage " + config.stage() + "), runtime " + choice.explanation());
            out.flush();
        }
        DevSettings settings = new DevSettings(host, proxyPort, controlPort, debug, Duration.ofSeconds(startTimeout),
                DevSettings.region(environment), environment, lambdaMaxInstances);
        if (logFile != null) {
            settings = settings.withLogFile(logFile);
        }
        settings = settings.withDebugPlan(debugPlan);
        DevSession session = DevSession.create(config, settings, containers, out, Ansi.enabled(environment, System.console() != null),
                roles);
        // the file stays live: a later edit is loaded as this one was, its problems printed as validate prints them
        session.followConfig(() -> options.reload(environment, aws, err));
        return run(session, roles, choice.provider().name());
    }

    /** Runs the session until a signal stops it, or until it cannot start. */
    private int run(DevSession session, LiveRoles roles, String runtimeName) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            out.println();
            out.println("scf-dev: stopping every container");
            out.flush();
            roles.close();
            session.close();
            out.println("scf-dev: stopped");
            out.flush();
            stopped.countDown();
        }, "scf-dev-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            session.start(runtimeName);
        } catch (DevSession.StartException e) {
            if (session.isClosed()) {
                // stopped by a signal while starting: the shutdown hook is taking everything down
                stopped.await();
                return ExitCode.OK;
            }
            err.println("error: " + e.getMessage());
            err.flush();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // a signal arrived just now: the hook closes the session too
            }
            roles.close();
            session.close();
            return ExitCode.FAILURE;
        }
        stopped.await();
        return ExitCode.OK;
    }

    /** AWS messages go where the log view prints, one whole message at a time. */
    private AwsReporter reporter() {
        AwsReporter printing = AwsReporter.printingTo(out, err, debug);
        return (severity, message) -> {
            synchronized (out) {
                printing.report(severity, message);
            }
        };
    }

    /** What runtimes see: this run's environment, with {@code --base-image} in place of the variables it overrides. */
    private Map<String, String> runtimeVariables() {
        Map<String, String> variables = new HashMap<>(environment);
        baseImages.forEach((name, image) -> variables.put(DockerRuntimeProvider.BASE_IMAGE_NAMES.get(name), image));
        return variables;
    }

    private String invalidFlags() {
        if (!RuntimeSelection.CHOICES.contains(runtime)) {
            return "--runtime must be one of " + String.join(", ", RuntimeSelection.CHOICES) + " (got " + runtime + ")";
        }
        for (int port : new int[] {proxyPort, controlPort}) {
            if (port < 0 || port > 65535) {
                return "ports are 0 to 65535 (got " + port + ")";
            }
        }
        if (proxyPort != 0 && proxyPort == controlPort) {
            return "--port-proxy and --port-control must differ (both " + proxyPort + ")";
        }
        if (lambdaMaxInstances < 1) {
            return "--lambda-max-instances must be at least 1 (got " + lambdaMaxInstances + ")";
        }
        if (startTimeout < 1) {
            return "--start-timeout must be at least 1 second (got " + startTimeout + ")";
        }
        for (Map.Entry<String, String> e : baseImages.entrySet()) {
            if (!DockerRuntimeProvider.BASE_IMAGE_NAMES.containsKey(e.getKey())) {
                return "--base-image takes NAME=IMAGE with NAME one of " + String.join(", ", DockerRuntimeProvider.BASE_IMAGE_NAMES.keySet())
                        + " (got " + e.getKey() + ")";
            }
            if (e.getValue().isBlank()) {
                return "--base-image " + e.getKey() + "= needs an image, such as mirror.example.com/library/node:20-slim";
            }
        }
        return null;
    }
}
