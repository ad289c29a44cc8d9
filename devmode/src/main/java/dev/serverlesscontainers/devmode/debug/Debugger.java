package dev.serverlesscontainers.devmode.debug;

import dev.serverlesscontainers.model.image.AppKind;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A language's debugger, switched on through the environment alone (so every runtime and start
 * command gets it, npm scripts and Maven builds included), listening on a port of the system's
 * choosing, which the debugger prints and {@link DebugTargets} reads from the log.
 */
public enum Debugger {
    /** Node.js prints {@code Debugger listening on ws://127.0.0.1:PORT/UUID} on stderr. */
    NODE("Node.js inspector", Pattern.compile("^Debugger listening on ws://[^/]*:(\\d+)/")) {
        @Override
        Map<String, String> environment(Map<String, String> inherited, String helpers, String listen) {
            return Map.of("NODE_OPTIONS", append(inherited.get("NODE_OPTIONS"), " ", "--inspect=" + listen));
        }
    },
    /** debugpy, started by the sitecustomize module in {@code helpers}, which prints the port or why it cannot start. */
    PYTHON("debugpy", Pattern.compile("^scf-dev: debugpy listening on [^ ]+:(\\d+)$")) {
        @Override
        Map<String, String> environment(Map<String, String> inherited, String helpers, String listen) {
            // the file validation warns, on every start, about what -Xfrozen_modules=off would change: noise here
            return Map.of("PYTHONPATH", append(helpers, ":", inherited.get("PYTHONPATH")),
                    "PYDEVD_DISABLE_FILE_VALIDATION", "1", LISTEN_VARIABLE, listen);
        }
    },
    /** The JVM prints {@code Listening for transport dt_socket at address: PORT} on stdout. */
    JAVA("JDWP", Pattern.compile("^Listening for transport dt_socket at address: (\\d+)")) {
        @Override
        Map<String, String> environment(Map<String, String> inherited, String helpers, String listen) {
            return Map.of("JAVA_TOOL_OPTIONS", append(inherited.get("JAVA_TOOL_OPTIONS"), " ",
                    "-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=" + listen));
        }
    };

    /** Where scf-dev's sitecustomize module tells debugpy to listen ({@code HOST:PORT}). */
    static final String LISTEN_VARIABLE = "SCF_DEV_DEBUG_LISTEN";

    private final String label;
    private final Pattern listening;

    Debugger(String label, Pattern listening) {
        this.label = label;
        this.listening = listening;
    }

    public String label() {
        return label;
    }

    /**
     * The variables that switch it on.
     *
     * @param inherited what the app would get otherwise (its own environment over scf-dev's), kept and added to
     * @param helpers the folder holding scf-dev's sitecustomize.py, as the app sees it
     * @param listen where the debugger listens, {@code HOST:PORT} ({@link DebugNetwork#listenAddress()})
     */
    abstract Map<String, String> environment(Map<String, String> inherited, String helpers, String listen);

    /** The port a log line says the debugger listens on. */
    Optional<Integer> listeningPort(String line) {
        Matcher m = listening.matcher(line);
        return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }

    /** The debugger of an app of this kind; empty when scf-dev cannot tell the language. */
    static Optional<Debugger> of(AppKind kind) {
        return switch (kind) {
            case NODE -> Optional.of(NODE);
            case PYTHON -> Optional.of(PYTHON);
            case JAVA -> Optional.of(JAVA);
            case UNKNOWN -> Optional.empty();
        };
    }

    private static String append(String first, String separator, String second) {
        if (first == null || first.isBlank()) {
            return second == null ? "" : second;
        }
        return second == null || second.isBlank() ? first : first + separator + second;
    }
}
