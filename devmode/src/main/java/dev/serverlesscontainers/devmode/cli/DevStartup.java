package dev.serverlesscontainers.devmode.cli;

import dev.serverlesscontainers.devmode.aws.AwsOptions;
import dev.serverlesscontainers.devmode.aws.AwsReporter;
import dev.serverlesscontainers.devmode.aws.AwsSetupException;
import dev.serverlesscontainers.devmode.aws.LiveRoles;
import dev.serverlesscontainers.devmode.debug.DebugPlan;
import dev.serverlesscontainers.devmode.docker.DockerRuntimeProvider;
import dev.serverlesscontainers.devmode.liveconfig.ConfigLoad;
import dev.serverlesscontainers.devmode.logs.Ansi;
import dev.serverlesscontainers.devmode.runtime.ContainerRuntime;
import dev.serverlesscontainers.devmode.runtime.RuntimeEnvironment;
import dev.serverlesscontainers.devmode.runtime.StartFailure;
import dev.serverlesscontainers.model.config.ProjectConfig;
import dev.serverlesscontainers.model.load.Problem;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The start-up of {@code scf-dev dev} once its flags are checked, each step before the next: the file (and
 * {@code --debug-port} against its containers), the AWS roles (before any container starts, so each first
 * instance gets its role's credentials), the runtime, then the {@link DevSession}, which runs until a signal.
 * A step that fails says why and ends the start-up with its exit code, closing what the steps before opened.
 */
final class DevStartup {
    /** Kept here: java.util.logging holds loggers weakly, and a collected logger forgets its level. */
    private static final Logger[] QUIET = {Logger.getLogger("io.vertx"), Logger.getLogger("io.netty")};

    private final DevOptions flags;
    private final ConfigOptions options;
    private final AwsOptions aws;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Map<String, String> environment;

    DevStartup(DevOptions flags, ConfigOptions options, AwsOptions aws, PrintWriter out, PrintWriter err, Map<String, String> environment) {
        this.flags = flags;
        this.options = options;
        this.aws = aws;
        this.out = out;
        this.err = err;
        this.environment = environment;
    }

    /** Starts everything and runs until a signal stops it; the exit code. */
    int run() throws InterruptedException {
        // the files as this load read them are what a later edit is compared with, however long the start takes
        ConfigLoad loaded = options.loadToFollow(environment, aws, err);
        if (loaded.config().isEmpty()) {
            return ExitCode.INVALID_INPUT;
        }
        ProjectConfig config = loaded.config().get();
        DebugPlan debugPlan;
        try {
            debugPlan = DebugPlan.of(flags.debugPorts(), config);
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
            RuntimeEnvironment runtimeEnvironment = new RuntimeEnvironment(runtimeVariables(), config, flags.debug(), notice -> {
                err.println("scf-dev: " + notice);
                err.flush();
            });
            choice = RuntimeSelection.choose(flags.runtime(), RuntimeSelection.registered(), runtimeEnvironment);
            containers = choice.provider().create(runtimeEnvironment);
        } catch (RuntimeSelection.Unavailable | StartFailure e) {
            err.println("error: " + e.getMessage());
            err.flush();
            roles.close();
            return ExitCode.FAILURE;
        }
        if (!flags.debug()) {
            for (Logger l : QUIET) {
                l.setLevel(Level.SEVERE);
            }
        }
        synchronized (out) {
            out.println("scf-dev: " + config.name() + " (stage " + config.stage() + "), runtime " + choice.explanation());
            out.flush();
        }
        DevSettings settings = DevSettings.of(flags, environment, debugPlan);
        DevSession session = DevSession.create(config, settings, containers, out, Ansi.enabled(environment, System.console() != null),
                roles);
        // the file stays live: a later edit is loaded as this one was, its problems printed as validate prints them
        session.followConfig(loaded, () -> options.loadToFollow(environment, aws, err));
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
        AwsReporter printing = AwsReporter.printingTo(out, err, flags.debug());
        return (severity, message) -> {
            synchronized (out) {
                printing.report(severity, message);
            }
        };
    }

    /** What runtimes see: this run's environment, with {@code --base-image} in place of the variables it overrides. */
    private Map<String, String> runtimeVariables() {
        Map<String, String> variables = new HashMap<>(environment);
        flags.baseImages().forEach((name, image) -> variables.put(DockerRuntimeProvider.BASE_IMAGE_NAMES.get(name), image));
        return variables;
    }
}
