package dev.serverlesscontainers.devmode.cli;

import dev.serverlesscontainers.devmode.aws.AwsOptions;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

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
    private final PrintWriter out;
    private final PrintWriter err;
    private final Map<String, String> environment;

    @Mixin
    ConfigOptions options = new ConfigOptions();

    @Mixin
    DevFlags flags = new DevFlags();

    @Mixin
    AwsOptions aws = new AwsOptions();

    DevCommand(PrintWriter out, PrintWriter err, Map<String, String> environment) {
        this.out = out;
        this.err = err;
        this.environment = environment;
    }

    @Override
    public Integer call() throws InterruptedException {
        DevOptions checked;
        try {
            checked = flags.checked();
        } catch (DevOptions.Invalid e) {
            err.println("scf-dev: " + e.getMessage());
            return ExitCode.INVALID_INPUT;
        }
        return new DevStartup(checked, options, aws, out, err, environment).run();
    }
}
