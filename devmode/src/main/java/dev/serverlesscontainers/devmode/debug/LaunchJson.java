package dev.serverlesscontainers.devmode.debug;

import dev.serverlesscontainers.model.config.ContainerConfig;
import dev.serverlesscontainers.model.config.ProjectConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A VS Code {@code launch.json} with an attach configuration per debugged container, on the ports
 * {@code scf-dev dev} gives them with the same {@code --debug-port} flags. Source folders are mapped
 * from the workspace (the project's folder) to where the app runs, for breakpoints to bind: the
 * {@code src} folder itself on this machine, the folder it is mounted at (or copied to) in a container.
 */
public final class LaunchJson {
    private LaunchJson() {}

    /** What was made, and the containers left out because their language is unknown. */
    public record Result(JsonObject launchJson, List<String> leftOut) {}

    /** For apps that run on this machine, from their {@code src}. */
    public static Result of(ProjectConfig config, DebugPlan plan) {
        return of(config, plan, c -> c.src().toAbsolutePath().normalize().toString());
    }

    /** @param remoteRoot where each container's app runs from, as its debugger names its files */
    public static Result of(ProjectConfig config, DebugPlan plan, Function<ContainerConfig, String> remoteRoot) {
        JsonArray configurations = new JsonArray();
        List<String> leftOut = new ArrayList<>();
        for (DebugPlan.Target t : plan.targets().values()) {
            if (t.debuggers().size() != 1) {
                leftOut.add(t.container());
                continue;
            }
            ContainerConfig c = config.containers().get(t.container());
            configurations.add(entry(c, t.port(), t.debuggers().get(0), remoteRoot.apply(c)));
        }
        return new Result(new JsonObject().put("version", "0.2.0").put("configurations", configurations), leftOut);
    }

    private static JsonObject entry(ContainerConfig c, int port, Debugger debugger, String remote) {
        String local = "${workspaceFolder}/" + c.srcAsWritten().replaceFirst("^\\./", "").replaceFirst("/$", "");
        JsonObject e = new JsonObject().put("name", "scf-dev: " + c.name()).put("request", "attach");
        return switch (debugger) {
            // restart: a reload replaces the process; VS Code attaches again to the same port
            case NODE -> e.put("type", "node").put("address", "127.0.0.1").put("port", port).put("restart", true)
                    .put("localRoot", local).put("remoteRoot", remote);
            case PYTHON -> e.put("type", "debugpy").put("connect", new JsonObject().put("host", "127.0.0.1").put("port", port))
                    .put("pathMappings", new JsonArray().add(new JsonObject().put("localRoot", local).put("remoteRoot", remote)));
            case JAVA -> e.put("type", "java").put("hostName", "127.0.0.1").put("port", port);
        };
    }
}
