package dev.serverlesscontainers.devmode.cli;

import dev.serverlesscontainers.devmode.debug.DebugPlan;
import dev.serverlesscontainers.devmode.debug.LaunchJson;
import dev.serverlesscontainers.devmode.docker.DockerRuntime;
import dev.serverlesscontainers.devmode.process.ProcessRuntime;
import dev.serverlesscontainers.model.config.ProjectConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code scf-dev debug-config}: the VS Code launch.json that attaches to what {@code --debug-port} starts. */
@Command(name = "debug-config", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Print (or write to .vscode/launch.json beside the configuration) a VS Code launch.json with an attach "
                + "configuration per container, on the ports scf-dev dev --debug-port gives them: pass the same --debug-port "
                + "flags (default: all).", "Example: scf-dev debug-config --write, then scf-dev --runtime process --debug-port all",
            "With Docker: scf-dev debug-config --runtime docker --write, then scf-dev --runtime docker --debug-port all",
            "Exit codes: 1 the file exists (use --force) or cannot be written, 2 invalid input."})
final class DebugConfigCommand implements Callable<Integer> {
    private final PrintWriter out;
    private final PrintWriter err;
    private final Map<String, String> environment;

    @Mixin
    ConfigOptions options = new ConfigOptions();

    @Option(names = "--debug-port", paramLabel = "CONTAINER[=PORT]",
            description = "As for scf-dev dev; repeatable (default: all).")
    List<String> debugPorts = new ArrayList<>();

    @Option(names = "--runtime", paramLabel = "RUNTIME", defaultValue = "process",
            description = "Where the apps run, for the source mapping (localRoot, remoteRoot): process (the src folders on this "
                    + "machine) or docker (" + DockerRuntime.APP_FOLDER + " in the container, where src is mounted or copied) "
                    + "(default: ${DEFAULT-VALUE}).")
    String runtime;

    @Option(names = "--write", description = "Write .vscode/launch.json in the configuration's folder instead of printing it.")
    boolean write;

    @Option(names = "--force", description = "With --write: replace an existing launch.json.")
    boolean force;

    DebugConfigCommand(PrintWriter out, PrintWriter err, Map<String, String> environment) {
        this.out = out;
        this.err = err;
        this.environment = environment;
    }

    @Override
    public Integer call() {
        Optional<ProjectConfig> loaded = options.load(environment, err);
        if (loaded.isEmpty()) {
            return ExitCode.INVALID_INPUT;
        }
        ProjectConfig config = loaded.get();
        if (!runtime.equals(ProcessRuntime.NAME) && !runtime.equals(DockerRuntime.NAME)) {
            err.println("scf-dev: --runtime must be process or docker (got " + runtime + ")");
            err.flush();
            return ExitCode.INVALID_INPUT;
        }
        LaunchJson.Result result;
        try {
            DebugPlan plan = DebugPlan.of(debugPorts.isEmpty() ? List.of("all") : debugPorts, config);
            result = runtime.equals(DockerRuntime.NAME) ? LaunchJson.of(config, plan, c -> DockerRuntime.APP_FOLDER)
                    : LaunchJson.of(config, plan);
        } catch (DebugPlan.Invalid e) {
            err.println("scf-dev: " + e.getMessage());
            err.flush();
            return ExitCode.INVALID_INPUT;
        }
        for (String c : result.leftOut()) {
            err.println("warning: " + c + ": scf-dev cannot tell the language of its app (Node.js, Python or Java), so it has no "
                    + "entry; its debugger still listens on the port --debug-port gives it");
        }
        String json = result.launchJson().encodePrettily() + "\n";
        if (!write) {
            out.print(json);
            out.flush();
            err.flush();
            return ExitCode.OK;
        }
        Path file = config.projectDir().resolve(".vscode").resolve("launch.json");
        if (Files.exists(file) && !force) {
            err.println("error: " + file + " exists; merge what scf-dev debug-config prints into it, or replace it with --force");
            err.flush();
            return ExitCode.FAILURE;
        }
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, json);
        } catch (IOException e) {
            err.println("error: cannot write " + file + ": " + e.getMessage());
            err.flush();
            return ExitCode.FAILURE;
        }
        out.println("wrote " + file + " (" + result.launchJson().getJsonArray("configurations").size() + " configurations)");
        out.flush();
        err.flush();
        return ExitCode.OK;
    }
}
