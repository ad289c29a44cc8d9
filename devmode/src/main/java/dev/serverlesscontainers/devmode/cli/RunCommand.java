package dev.serverlesscontainers.devmode.cli;

import dev.serverlesscontainers.devmode.aws.AwsOptions;
import dev.serverlesscontainers.devmode.aws.AwsReporter;
import dev.serverlesscontainers.devmode.aws.AwsSetupException;
import dev.serverlesscontainers.devmode.aws.LiveRoles;
import dev.serverlesscontainers.devmode.process.FreePort;
import dev.serverlesscontainers.devmode.process.HostAppEnvironment;
import dev.serverlesscontainers.devmode.runtime.StartFailure;
import dev.serverlesscontainers.model.config.ContainerConfig;
import dev.serverlesscontainers.model.load.Problem;
import dev.serverlesscontainers.model.config.ProjectConfig;
import dev.serverlesscontainers.model.load.Suggestions;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code scf-dev run CONTAINER -- CMD ARGS...}: one command with the environment a container's
 * instances get in dev mode, for migrations, seeds and one-off scripts. It needs no running scf-dev:
 * the configuration and the role are resolved here, as {@code scf-dev dev} resolves them.
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run CMD on this machine, in the current folder, with exactly the environment CONTAINER gets in dev mode: "
                + "its resolved environment (stage params, ${env:}), the SERVERLESS_* variables, a free PORT and, when the stage "
                + "is deployed, its role's temporary AWS credentials (never on a production stage, never your own identity). "
                + "For migrations, seeds and one-off scripts; no running scf-dev is needed.",
            "Example: scf-dev run api -- npm run migrate",
            "Exit codes: CMD's; 2 invalid input (the configuration, a flag, no such container); 127 CMD cannot be run."})
final class RunCommand implements Callable<Integer> {
    /** What a shell answers when it cannot run a command. */
    static final int CANNOT_RUN = 127;
    /** How long CMD may take to stop after scf-dev run is stopped by a signal, before it is killed. */
    private static final long STOP_GRACE_SECONDS = 10;

    private final PrintWriter err;
    private final Map<String, String> environment;

    @Mixin
    ConfigOptions options = new ConfigOptions();

    @Option(names = "--debug", description = "Also print the configuration's warnings and every AWS call.")
    boolean debug;

    @Mixin
    AwsOptions aws = new AwsOptions();

    @Parameters(index = "0", paramLabel = "CONTAINER", description = "The container whose environment CMD gets.")
    String container;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "CMD", description = "The command and its arguments (after --).")
    List<String> command = new ArrayList<>();

    RunCommand(PrintWriter err, Map<String, String> environment) {
        this.err = err;
        this.environment = environment;
    }

    @Override
    public Integer call() throws InterruptedException {
        Optional<ProjectConfig> loaded = options.load(environment, aws, err);
        if (loaded.isEmpty()) {
            return ExitCode.INVALID_INPUT;
        }
        ProjectConfig config = loaded.get();
        if (debug) {
            config.warnings().forEach(w -> err.println("warning: " + w));
        }
        ContainerConfig target = config.containers().get(container);
        if (target == null) {
            err.println("error: " + noSuchContainer(config, container));
            err.flush();
            return ExitCode.INVALID_INPUT;
        }
        Map<String, String> variables;
        try {
            variables = HostAppEnvironment.of(environment, config, target, credentials(onlyThe(config, target)), FreePort.find());
        } catch (AwsSetupException e) {
            e.problems().forEach(p -> err.println("error: " + p));
            err.flush();
            return ExitCode.INVALID_INPUT;
        } catch (StartFailure e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return ExitCode.FAILURE;
        }
        err.flush();
        return run(variables);
    }

    /** The role's credentials as dev mode gets them, taken once: CMD's environment cannot change while it runs. */
    private Map<String, String> credentials(ProjectConfig config) throws AwsSetupException {
        if (aws.noAws()) {
            // asked for: unlike dev mode's, this run has nothing to warn about
            return Map.of();
        }
        AwsReporter toStderr = AwsReporter.printingTo(err, err, debug);
        try (LiveRoles roles = LiveRoles.start(config, aws.settings(environment), toStderr)) {
            return roles.environment(container);
        }
    }

    /** The project as if it held this container only: no other container's role is assumed, or warned about. */
    private static ProjectConfig onlyThe(ProjectConfig config, ContainerConfig target) {
        return new ProjectConfig(config.configFile(), config.projectDir(), config.name(), config.stage(), config.deployment(),
                Map.of(target.name(), target), config.warnings(), config.sourceFiles());
    }

    static Problem noSuchContainer(ProjectConfig config, String name) {
        List<String> names = List.copyOf(config.containers().keySet());
        String hint = Suggestions.closest(name, names).map(s -> "; did you mean " + s + "?").orElse("");
        ContainerConfig first = config.containers().values().iterator().next();
        return new Problem(Problem.Severity.ERROR, config.configFile().toString(), first.location(), "containers",
                "no container named " + name + " (containers: " + String.join(", ", names) + ")" + hint);
    }

    private int run(Map<String, String> variables) throws InterruptedException {
        // picocli keeps a -- that follows CONTAINER, since it stops parsing options there
        List<String> argv = command.get(0).equals("--") ? command.subList(1, command.size()) : command;
        if (argv.isEmpty()) {
            err.println("error: no command after -- (usage: scf-dev run CONTAINER -- CMD ARGS...)");
            err.flush();
            return ExitCode.INVALID_INPUT;
        }
        ProcessBuilder builder = new ProcessBuilder(argv).inheritIO();
        builder.environment().clear();
        builder.environment().putAll(variables);
        // a Ctrl-C reaches CMD from the terminal itself; a SIGTERM sent to scf-dev alone is passed on, even one
        // that comes while CMD is being started (the hook is in place first)
        Command running = new Command();
        Thread stopper = new Thread(running::stop, "scf-dev-run-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        Process process;
        try {
            process = running.start(builder);
        } catch (IOException e) {
            err.println("error: cannot run " + argv.get(0) + ": " + e.getMessage());
            err.flush();
            return CANNOT_RUN;
        }
        int code = process.waitFor();
        try {
            Runtime.getRuntime().removeShutdownHook(stopper);
        } catch (IllegalStateException shuttingDown) {
            // the hook is stopping CMD, which has ended already
        }
        return code;
    }

    /** CMD's process, and whether scf-dev run is being stopped, which the shutdown hook and the start both look at. */
    private static final class Command {
        private Process process;
        private boolean stopping;

        synchronized Process start(ProcessBuilder builder) throws IOException {
            process = builder.start();
            if (stopping) {
                process.destroy();
            }
            return process;
        }

        void stop() {
            Process p;
            synchronized (this) {
                stopping = true;
                p = process;
            }
            if (p != null) {
                RunCommand.stop(p);
            }
        }
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
        }
    }
}
