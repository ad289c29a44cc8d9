package dev.serverlesscontainers.devmode.process;

import dev.serverlesscontainers.devmode.threads.DaemonThreads;
import dev.serverlesscontainers.devmode.lambda.LambdaVariables;
import dev.serverlesscontainers.devmode.runtime.ContainerRuntime;
import dev.serverlesscontainers.devmode.runtime.Instance;
import dev.serverlesscontainers.devmode.runtime.InstanceSpec;
import dev.serverlesscontainers.devmode.runtime.LogSink;
import dev.serverlesscontainers.devmode.runtime.StartFailure;
import dev.serverlesscontainers.model.config.ContainerConfig;
import dev.serverlesscontainers.model.config.ProjectConfig;
import dev.serverlesscontainers.model.image.AppDetector;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs each instance as a process on this machine: {@code dev.command}, or the start command found
 * in {@code src}, in {@code src}, with a free {@code PORT}. Each instance gets a session of its own
 * ({@code setsid}, where present), so a Ctrl-C in the terminal reaches scf-dev alone, which then
 * stops every process it started, children included.
 */
public final class ProcessRuntime implements ContainerRuntime {
    public static final String NAME = "process";
    /** How long {@link #close()} lets each app shut down before killing it. */
    static final Duration CLOSE_GRACE = Duration.ofSeconds(3);

    private final Map<String, String> hostEnvironment;
    private final boolean setsid;
    private final Set<ProcessInstance> live = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** @param hostEnvironment the environment scf-dev runs in; every instance starts from it */
    public ProcessRuntime(Map<String, String> hostEnvironment) {
        this.hostEnvironment = Map.copyOf(hostEnvironment);
        this.setsid = Executables.find("setsid", hostEnvironment, java.nio.file.Path.of("/")).isPresent();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Instance start(InstanceSpec spec) throws StartFailure {
        if (closed) {
            throw new StartFailure("scf-dev is stopping");
        }
        ContainerConfig container = spec.container();
        int port = FreePort.find();
        StartCommand command = StartCommand.resolve(container, hostEnvironment, port);
        warnAboutMissingDependencies(spec);
        List<String> argv = new ArrayList<>();
        if (setsid) {
            // -w: should setsid have to fork, it still waits and passes on the exit status
            argv.addAll(List.of("setsid", "-w"));
        }
        argv.addAll(command.argv());
        ProcessBuilder builder = new ProcessBuilder(argv).directory(container.src().toFile());
        builder.environment().clear();
        builder.environment().putAll(environment(hostEnvironment, spec, port));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new StartFailure(container.name() + ": cannot run `" + String.join(" ", command.argv()) + "` in "
                    + container.srcAsWritten() + ": " + e.getMessage());
        }
        ProcessInstance instance = new ProcessInstance(process, container.name(), port, command.describe(), spec.logs());
        live.add(instance);
        instance.exited().whenComplete((code, e) -> live.remove(instance));
        if (closed) {
            // close() ran while this one was starting and did not see it
            instance.stop(CLOSE_GRACE);
            throw new StartFailure("scf-dev is stopping");
        }
        return instance;
    }

    /** {@code dev.command} runs as written; otherwise the detected command is the dev script, if there is one. */
    @Override
    public boolean reloadsItself(ProjectConfig project, ContainerConfig container) {
        return container.dev().command().isEmpty() && AppDetector.detect(container.src()).reloadsItself();
    }

    /** {@link HostAppEnvironment}, marked as this scf-dev's so that a later run can stop what a killed one left. */
    static Map<String, String> environment(Map<String, String> host, InstanceSpec spec, int port) {
        Map<String, String> env = HostAppEnvironment.of(host, spec.project(), spec.container(), spec.extraEnvironment(), port);
        if (!spec.lambdaEnvironment().isEmpty()) {
            // the function's code is src here; in a deployed image it is /var/task
            env.put(LambdaVariables.TASK_ROOT, spec.container().src().toAbsolutePath().toString());
            env.putAll(spec.lambdaEnvironment());
        }
        env.put(LeftoverProcesses.LABEL, LeftoverProcesses.ownLabel());
        return env;
    }

    /** A Node.js app whose dependencies were never installed fails with "Cannot find module": say so first. */
    private static void warnAboutMissingDependencies(InstanceSpec spec) {
        ContainerConfig c = spec.container();
        try {
            String pkg = Files.isRegularFile(c.src().resolve("package.json")) ? Files.readString(c.src().resolve("package.json")) : "";
            if (pkg.matches("(?s).*\"dependencies\"\\s*:\\s*\\{\\s*\".*") && !Files.isDirectory(c.src().resolve("node_modules"))) {
                spec.logs().line(c.name(), "", LogSink.Stream.STDERR, "scf-dev: package.json lists dependencies but "
                        + c.srcAsWritten() + "/node_modules does not exist: run npm install in " + c.srcAsWritten());
            }
        } catch (IOException e) {
            // nothing to warn about then
        }
    }

    @Override
    public void close() {
        closed = true;
        // all at once, each on a thread of its own: stopping takes up to the grace period each
        DaemonThreads.forEachAtOnce(live, i -> "scf-dev-stop-" + i.id(), i -> i.stop(CLOSE_GRACE));
    }
}
