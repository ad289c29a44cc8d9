package dev.serverlesscontainers.devmode.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code scf-dev}: run {@code serverless.containers.yml} locally, or check it. */
@Command(
        name = "scf-dev",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = {"Serverless Containers for Pulumi: run serverless.containers.yml on this machine, run a command as one of its containers, or validate it.",
            "Without a command, scf-dev runs dev: scf-dev --config FILE is scf-dev dev --config FILE."},
        footer = {"", "scf-dev dev --help lists dev's flags: ports, runtime, --log-file FILE (logs and requests to a file), "
                + "--debug-port CONTAINER[=PORT] (attach a debugger), AWS roles; the dashboard is at http://127.0.0.1:3001/."},
        subcommands = {DevCommand.class, RunCommand.class, DebugConfigCommand.class, ValidateCommand.class, CommandLine.HelpCommand.class})
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
        return cli.execute(withDefaultCommand(args, cli));
    }

    /** {@code dev} is the default: no arguments, or options first, mean {@code dev} (help and version aside). */
    static String[] withDefaultCommand(String[] args, CommandLine cli) {
        if (args.length > 0 && (cli.getSubcommands().containsKey(args[0])
                || Set.of("-h", "--help", "-V", "--version").contains(args[0]) || !args[0].startsWith("-"))) {
            return args;
        }
        String[] withDev = new String[args.length + 1];
        withDev[0] = "dev";
        System.arraycopy(args, 0, withDev, 1, args.length);
        return withDev;
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err, Map<String, String> environment) {
        CommandLine cli = new CommandLine(new ScfDev(), new CommandFactory(out, err, environment));
        cli.setOut(out);
        cli.setErr(err);
        // everything after CONTAINER is the command, its options included, even without --
        cli.getSubcommands().get("run").setStopAtPositional(true);
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
