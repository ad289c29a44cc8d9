package dev.serverlesscontainers.devmode.cli;

import dev.serverlesscontainers.model.load.ConfigException;
import dev.serverlesscontainers.model.load.Problem;
import dev.serverlesscontainers.model.config.ProjectConfig;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code scf-dev validate}: load the configuration and print the resolved model, or every problem in it. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check serverless.containers.yml and print the resolved model: containers, compute, "
                + "routes in the order they are tried, health checks and resource names.", "Exit codes: 0 valid, 2 invalid."})
final class ValidateCommand implements Callable<Integer> {
    private final PrintWriter out;
    private final PrintWriter err;
    private final Map<String, String> environment;

    @Mixin
    ConfigOptions options = new ConfigOptions();

    ValidateCommand(PrintWriter out, PrintWriter err, Map<String, String> environment) {
        this.out = out;
        this.err = err;
        this.environment = environment;
    }

    @Override
    public Integer call() {
        Optional<ProjectConfig> config = options.load(environment, err);
        if (config.isEmpty()) {
            return ExitCode.INVALID_INPUT;
        }
        out.print(ModelReport.render(config.get()));
        out.flush();
        return ExitCode.OK;
    }

    /** Errors first, one per line, then warnings, then a count. */
    static void printProblems(PrintWriter err, ConfigException e) {
        for (Problem p : e.errors()) {
            err.println("error: " + p);
        }
        for (Problem p : e.problems()) {
            if (!p.isError()) {
                err.println("warning: " + p);
            }
        }
        int n = e.errors().size();
        err.println(n == 1 ? "1 problem found." : n + " problems found.");
        err.flush();
    }
}
