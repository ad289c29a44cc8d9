package dev.serverlesscontainers.devmode.cli;

import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code scf-dev}: run {@code serverless.containers.yml} locally, or check it. */
@Command(
        name = "scf-dev",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Serverless Containers for Pulumi: run serverless.containers.yml on this machine, or validate it.",
        subcommands = {ValidateCommand.class, CommandLine.HelpCommand.class})
public final class ScfDev {

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.getenv()));
    }

    /**
     * Runs the CLI with the given output streams and environment, as tests and {@link #main} do.
     *
     * @return the exit code ({@link ExitCode})
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> environment) {
        CommandLine cli = commandLine(out, err, environment);
        return cli.execute(args);
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err, Map<String, String> environment) {
        CommandLine cli = new CommandLine(new ScfDev(), new CommandFactory(out, err, environment));
        cli.setOut(out);
        cli.setErr(err);
        cli.setDefaultValueProvider(new EnvironmentDefaults(environment));
        cli.setExitCodeExceptionMapper(e -> ExitCode.FAILURE);
        cli.setParameterExceptionHandler((e, a) -> {
            err.println("scf-dev: " + e.getMessage());
            e.getCommandLine().usage(err);
            return ExitCode.INVALID_INPUT;
        });
        return cli;
    }
}
