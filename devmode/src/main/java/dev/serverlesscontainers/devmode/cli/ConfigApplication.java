package dev.serverlesscontainers.devmode.cli;

import dev.serverlesscontainers.devmode.liveconfig.ConfigDiff;
import dev.serverlesscontainers.devmode.supervisor.ContainerSupervisor;
import dev.serverlesscontainers.model.config.ProjectConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Applies a changed configuration to a running session in the order that fails no request for what
 * did not change: new containers start and become healthy first; containers whose settings changed
 * are replaced as on a reload (their route keeps the old instance until the new one is healthy); then
 * the routing table is swapped in one step; then removed containers, which no rule names any more,
 * finish their requests and stop.
 */
final class ConfigApplication {
    /** Beyond the start timeout: a first start may run the reload hook and build an image before it. */
    private static final long ADDED_WAIT_FACTOR = 3;

    private final DevSession session;
    private final ConfigDiff diff;

    ConfigApplication(DevSession session, ConfigDiff diff) {
        this.session = session;
        this.diff = diff;
    }

    void apply(ProjectConfig next) {
        session.adopt(next); // the first instances of added containers, and replacements, read their environment from it
        Map<String, CompletableFuture<ContainerSupervisor.Outcome>> starts = new LinkedHashMap<>();
        for (ConfigDiff.Change c : diff.changes(ConfigDiff.Kind.ADDED)) {
            starts.put(c.container(), session.fleet().add(next, next.containers().get(c.container())));
        }
        for (ConfigDiff.Change c : diff.changes(ConfigDiff.Kind.CHANGED)) {
            if (c.replaced()) {
                session.fleet().get(c.container()).ifPresent(s -> s.reconfigure(next, next.containers().get(c.container()),
                        "the configuration changed: " + String.join(", ", c.settings())));
            }
        }
        Map<String, String> notServing = new LinkedHashMap<>();
        starts.forEach((name, start) -> {
            ContainerSupervisor.Outcome outcome = await(start);
            if (outcome != ContainerSupervisor.Outcome.HEALTHY) {
                notServing.put(name, outcome == null ? "still starting" : "not healthy: it is retried, see its log");
            }
        });
        session.reroute(next);
        for (ConfigDiff.Change c : diff.changes(ConfigDiff.Kind.REMOVED)) {
            session.unwatch(c.container());
            session.fleet().remove(c.container());
        }
        for (ConfigDiff.Change c : diff.changes()) {
            if (c.kind() == ConfigDiff.Kind.ADDED || c.changesWhatIsWatched()) {
                session.fleet().get(c.container()).ifPresent(s -> session.watch(s, next.containers().get(c.container())));
            }
        }
        for (ConfigDiff.Change c : diff.changes()) {
            String note = notServing.containsKey(c.container()) ? " (" + notServing.get(c.container()) + ")" : "";
            session.session("config: " + c.describe() + note);
        }
    }

    private ContainerSupervisor.Outcome await(CompletableFuture<ContainerSupervisor.Outcome> start) {
        try {
            return start.get(session.startTimeout().toMillis() * ADDED_WAIT_FACTOR, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (java.util.concurrent.ExecutionException e) {
            return ContainerSupervisor.Outcome.UNHEALTHY;
        }
    }
}
