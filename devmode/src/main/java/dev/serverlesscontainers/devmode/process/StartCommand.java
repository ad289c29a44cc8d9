package dev.serverlesscontainers.devmode.process;

import dev.serverlesscontainers.devmode.runtime.StartFailure;
import dev.serverlesscontainers.model.config.ContainerConfig;
import dev.serverlesscontainers.model.config.Defaults;
import dev.serverlesscontainers.model.image.AppDetector;
import dev.serverlesscontainers.model.image.BuildOptions;
import dev.serverlesscontainers.model.image.AppKind;
import dev.serverlesscontainers.model.image.DetectedApp;
import dev.serverlesscontainers.model.image.DockerfileCommand;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How a container starts on this machine: {@code dev.command} when set (run by {@code sh -c}, so
 * {@code $PORT} works), else the command {@link AppDetector} finds in {@code src}. Checks that the
 * program exists before anything runs, and when it does not, says why and how to set
 * {@code dev.command}.
 *
 * @param source where the command came from, for messages
 * @param reloadsItself the app watches its own files (a {@code package.json} dev script)
 */
record StartCommand(List<String> argv, String source, boolean reloadsItself) {
    /** A first word that the shell resolves on {@code PATH}, and that we can therefore look for. */
    private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9_./+-]+");
    /** POSIX shell builtins and keywords: found by the shell, never on PATH. */
    private static final Set<String> SHELL_WORDS = Set.of("alias", "bg", "break", "case", "cd", "command", "continue", "eval",
            "exec", "exit", "export", "false", "fg", "for", "getopts", "hash", "if", "jobs", "kill", "local", "read", "readonly",
            "return", "set", "shift", "source", ".", "test", "[", "times", "trap", "true", "type", "ulimit", "umask", "unalias",
            "unset", "until", "wait", "while", "echo", "printf", "pwd", "{", "!");

    static StartCommand resolve(ContainerConfig container, Map<String, String> environment, int port) throws StartFailure {
        Path src = container.src();
        if (container.dev().command().isPresent()) {
            String command = container.dev().command().get();
            String first = command.strip().split("\\s+")[0];
            if (PLAIN_WORD.matcher(first).matches() && !first.contains("=") && !SHELL_WORDS.contains(first)
                    && Executables.find(first, environment, src).isEmpty()) {
                throw new StartFailure(container.name() + ": cannot start dev.command `" + command + "`: `" + first
                        + "` was not found " + (first.contains("/") ? "in " + src : "on PATH") + ".\n"
                        + "  Fix containers." + container.name() + ".dev.command in " + Defaults.CONFIG_FILE_NAME
                        + " (it runs with sh -c in " + src + "; the app must listen on $PORT).");
            }
            return new StartCommand(List.of("sh", "-c", command), "dev.command", false);
        }
        DetectedApp app = AppDetector.detect(src);
        Optional<List<String>> found = app.devCommand();
        String description = app.description();
        if (found.isEmpty()) {
            // what the image would run, run here: SCF's apps often say how they start in their Dockerfile only
            Optional<DockerfileCommand> fromDockerfile = DockerfileCommand.read(src, BuildOptions.parse(container.build().options()).target());
            if (fromDockerfile.isEmpty()) {
                throw new StartFailure(container.name() + ": cannot tell how to start the app in " + container.srcAsWritten() + ": "
                        + app.description() + (app.hasDockerfile() ? ", and its Dockerfile has no CMD or ENTRYPOINT" : "")
                        + ".\n" + howToSet(container, app));
            }
            found = Optional.of(fromDockerfile.get().command());
            description = "the CMD of " + container.srcAsWritten() + "/Dockerfile"
                    + fromDockerfile.get().port().stream().mapToObj(p -> ", which exposes port " + p).findFirst().orElse("");
        }
        List<String> argv = new ArrayList<>();
        for (String arg : found.get()) {
            argv.add(arg.replace("${PORT}", String.valueOf(port)));
        }
        String program = argv.get(0);
        if (Executables.find(program, environment, src).isEmpty()) {
            throw new StartFailure(container.name() + ": cannot start `" + String.join(" ", found.get()) + "` (from "
                    + description + "): `" + program + "` is not installed or not on PATH.\n"
                    + "  " + installHint(program) + ", or " + howToSet(container, app).strip());
        }
        return new StartCommand(argv, description, app.devCommand().isPresent() && app.reloadsItself());
    }

    /** The command as the user would type it, and where it came from, for messages. */
    String describe() {
        List<String> shown = argv.size() == 3 && argv.get(0).equals("sh") && argv.get(1).equals("-c") ? List.of(argv.get(2)) : argv;
        return "`" + String.join(" ", shown) + "` (" + source + ")";
    }

    private static String howToSet(ContainerConfig container, DetectedApp app) {
        return "  set the command scf-dev runs in " + Defaults.CONFIG_FILE_NAME + ":\n"
                + "    containers:\n"
                + "      " + container.name() + ":\n"
                + "        dev:\n"
                + "          command: " + example(app.kind()) + "   # runs in " + container.srcAsWritten()
                + "; listen on $PORT";
    }

    private static String example(AppKind kind) {
        switch (kind) {
            case NODE: return "node server.js";
            case PYTHON: return "python3 app.py";
            case JAVA: return "java -jar target/app.jar";
            default: return "./start.sh";
        }
    }

    private static String installHint(String program) {
        switch (program) {
            case "node":
            case "npm":
                return "Install Node.js";
            case "python3":
                return "Install Python 3";
            case "uvicorn":
                return "Install it (pip install uvicorn)";
            case "flask":
                return "Install it (pip install flask)";
            case "java":
                return "Install a JDK";
            case "sh":
                return "Install a POSIX shell";
            default:
                return "Install " + program;
        }
    }
}
