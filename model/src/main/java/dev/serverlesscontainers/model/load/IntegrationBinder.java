package dev.serverlesscontainers.model.load;

import dev.serverlesscontainers.model.config.IntegrationConfig;

import static dev.serverlesscontainers.model.load.NodeReader.join;

import dev.serverlesscontainers.model.yaml.YNode;
import dev.serverlesscontainers.model.yaml.YNode.YMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Binds a container's {@code integrations} (schedule, EventBridge, Slack): validated, not deployed yet. */
final class IntegrationBinder {
    private static final List<String> INTEGRATION_TYPES = List.of("schedule", "awsEventBridge", "slack");

    private final NodeReader r;

    IntegrationBinder(NodeReader reader) {
        this.r = reader;
    }

    List<IntegrationConfig> bind(YNode node, String containerPath) {
        String path = containerPath + ".integrations";
        List<IntegrationConfig> out = new ArrayList<>();
        Optional<YMap> m = r.anyMap(node, path, "integration name to settings");
        if (m.isEmpty() || m.get().entries().isEmpty()) {
            return out;
        }
        for (YNode.YEntry e : m.get().entries().values()) {
            String p = join(path, e.key());
            if (!(e.value() instanceof YMap im)) {
                if (!r.unresolved(e.value())) {
                    r.problems.error(e.value() == null ? e.keyLocation() : e.value().location(), p,
                            "expected a map with type (" + String.join(", ", INTEGRATION_TYPES) + ")");
                }
                continue;
            }
            Optional<String> type = r.string(im, "type", p);
            if (type.isEmpty()) {
                r.requireKey(im, "type", p, String.join(", ", INTEGRATION_TYPES));
                continue;
            }
            ConfigObject kind = switch (type.get()) {
                case "schedule" -> ConfigObject.INTEGRATION_SCHEDULE;
                case "awsEventBridge" -> ConfigObject.INTEGRATION_EVENTBRIDGE;
                case "slack" -> ConfigObject.INTEGRATION_SLACK;
                default -> null;
            };
            if (kind == null) {
                r.problems.error(im.get("type"), p + ".type", "must be one of " + String.join(", ", INTEGRATION_TYPES) + " (got " + type.get() + ")");
                continue;
            }
            r.object(im, p, kind, containerPath);
            webhookPath(im, p);
            switch (type.get()) {
                case "schedule" -> {
                    r.requireKey(im, "schedule", p, "a rate(...) or cron(...) expression");
                    r.string(im, "schedule", p).filter(s -> !s.matches("^(rate|cron)\\(.+\\)$")).ifPresent(s -> r.problems.error(
                            im.get("schedule"), p + ".schedule", "expected rate(5 minutes) or cron(0 12 * * ? *) (got " + s + ")"));
                }
                case "awsEventBridge" -> {
                    r.requireKey(im, "pattern", p, "the EventBridge event pattern");
                    r.anyMap(im.get("pattern"), p + ".pattern", "event pattern fields");
                }
                default -> slack(im, p, containerPath);
            }
            Map<String, String> settings = new LinkedHashMap<>();
            im.entries().values().stream().filter(x -> !x.key().equals("type"))
                    .forEach(x -> settings.put(x.key(), r.toJson(x.value())));
            out.add(new IntegrationConfig(e.key(), type.get(), settings));
        }
        if (!out.isEmpty()) {
            r.problems.warn(node.location(), path, "integrations are validated but not deployed yet; "
                    + "their events will not reach the container");
        }
        return out;
    }

    private void webhookPath(YMap integration, String path) {
        r.string(integration, "webhookPath", path).filter(w -> !w.matches("^/[^\\s<>\\\\\"]*$")).ifPresent(w -> r.problems.error(
                integration.get("webhookPath"), path + ".webhookPath", "expected a path starting with / (got " + w + ")"));
    }

    private void slack(YMap slack, String path, String containerPath) {
        r.requireKey(slack, "name", path, "the Slack app name");
        r.string(slack, "name", path);
        boolean socketMode = r.bool(slack, "socketMode", path).orElse(false);
        r.object(slack.get("credentials"), path + ".credentials", ConfigObject.SLACK_CREDENTIALS, containerPath).ifPresent(credentials -> {
            String p = path + ".credentials";
            List.of("signingSecret", "botToken", "appToken").forEach(key -> r.string(credentials, key, p));
            if (socketMode && credentials.get("appToken") == null) {
                r.problems.error(credentials, p, "socketMode needs credentials.appToken (the Slack app-level token, xapp-...)");
            }
        });
    }
}
