package dev.serverlesscontainers.devmode.debug;

import dev.serverlesscontainers.model.config.ContainerConfig;
import dev.serverlesscontainers.model.config.ProjectConfig;
import dev.serverlesscontainers.model.image.AppDetector;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which containers {@code --debug-port} debugs, on which port of 127.0.0.1, with which debugger:
 * {@code CONTAINER}, {@code CONTAINER=PORT} or {@code all}, repeatable. Containers without a port
 * of their own get {@link #FIRST_PORT} and the ones after it, in the file's order, so that the same
 * flags give the same ports every time (and {@code scf-dev debug-config} agrees with {@code scf-dev dev}).
 */
public record DebugPlan(Map<String, Target> targets) {
    /** Node.js's own default inspector port; the next containers get the ports after it. */
    public static final int FIRST_PORT = 9229;

    /**
     * @param debuggers what the container's app is debugged with; all three when its language is unknown
     *     (a {@code dev.command} or Dockerfile app), since each one only acts in its own language's processes
     */
    public record Target(String container, int port, List<Debugger> debuggers) {
        public String label() {
            return debuggers.size() == 1 ? debuggers.get(0).label() : "Node.js inspector, debugpy or JDWP, by language";
        }
    }

    /** A flag value that names no container, or a port that is not one. */
    public static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    public static DebugPlan none() {
        return new DebugPlan(Map.of());
    }

    public boolean isEmpty() {
        return targets.isEmpty();
    }

    public Optional<Target> target(String container) {
        return Optional.ofNullable(targets.get(container));
    }

    public static DebugPlan of(List<String> flags, ProjectConfig config) throws Invalid {
        Map<String, Integer> chosen = new LinkedHashMap<>();
        Set<String> wanted = new HashSet<>();
        for (String flag : flags) {
            String name = flag.contains("=") ? flag.substring(0, flag.indexOf('=')) : flag;
            if (name.equals("all")) {
                if (flag.contains("=")) {
                    throw new Invalid("--debug-port all takes no port: each container gets its own (got " + flag + ")");
                }
                wanted.addAll(config.containers().keySet());
                continue;
            }
            if (!config.containers().containsKey(name)) {
                throw new Invalid("--debug-port: no container named " + name + " (containers: "
                        + String.join(", ", config.containers().keySet()) + "; or all)");
            }
            wanted.add(name);
            if (flag.contains("=")) {
                chosen.put(name, port(flag, flag.substring(flag.indexOf('=') + 1)));
            }
        }
        Set<Integer> taken = new HashSet<>();
        for (Map.Entry<String, Integer> e : chosen.entrySet()) {
            if (!taken.add(e.getValue())) {
                throw new Invalid("--debug-port: port " + e.getValue() + " is given to two containers");
            }
        }
        Map<String, Target> targets = new LinkedHashMap<>();
        int next = FIRST_PORT;
        for (ContainerConfig c : config.containers().values()) {
            if (!wanted.contains(c.name())) {
                continue;
            }
            Integer port = chosen.get(c.name());
            if (port == null) {
                while (taken.contains(next)) {
                    next++;
                }
                port = next++;
            }
            targets.put(c.name(), new Target(c.name(), port, debuggers(c)));
        }
        return new DebugPlan(targets);
    }

    private static List<Debugger> debuggers(ContainerConfig c) {
        return Debugger.of(AppDetector.detect(c.src()).kind()).map(List::of).orElse(List.of(Debugger.values()));
    }

    private static int port(String flag, String text) throws Invalid {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new Invalid("--debug-port takes CONTAINER=PORT with a port from 1 to 65535 (got " + flag + ")");
    }

    /** Names in the file's order. */
    public List<String> containers() {
        return new ArrayList<>(targets.keySet());
    }
}
