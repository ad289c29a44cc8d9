package dev.serverlesscontainers.devmode.aws;

import dev.serverlesscontainers.model.config.ProjectConfig;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * The steps of {@link LiveRoles#start}: settle whether AWS is wanted, read the stack outputs, find the
 * developer's credentials and identity, discover each container's role and assume it. Every way to
 * end up without credentials produces exactly one warning.
 */
final class Startup {
    private final ProjectConfig config;
    private final AwsSettings settings;
    private final AwsReporter reporter;
    private final SecretRedactor redactor;
    private final SdkHttpClient httpClient;
    private final Clock clock;

    private final Map<String, RoleSession> sessions = new LinkedHashMap<>();
    private final Map<String, String> withoutReason = new LinkedHashMap<>();
    private final Map<String, RoleDiscovery.Target> unassumed = new LinkedHashMap<>();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private StsGateway sts;

    Startup(ProjectConfig config, AwsSettings settings, AwsReporter reporter, SecretRedactor redactor, SdkHttpClient httpClient,
            Clock clock) {
        this.config = config;
        this.settings = settings;
        this.reporter = reporter;
        this.redactor = redactor;
        this.httpClient = httpClient;
        this.clock = clock;
        resources.add(httpClient);
    }

    void run() throws AwsSetupException {
        try {
            assume();
        } catch (AwsSetupException | RuntimeException e) {
            closeAll(resources);
            throw e;
        }
    }

    private void assume() throws AwsSetupException {
        if (!settings.enabled()) {
            without(Explanations.disabled(), "--no-aws");
            return;
        }
        if (settings.isProductionStage(config.stage())) {
            without(Explanations.productionStage(config.stage(), settings.productionStages()), "production stage " + config.stage());
            return;
        }
        Optional<StackOutputs> outputs = settings.stackOutputs().isPresent()
                ? Optional.of(StackOutputs.read(settings.stackOutputs().get()))
                : Optional.empty();
        CallerCredentials caller = CallerCredentials.resolve(settings, redactor);
        resources.add(caller);
        if (caller.provider().isEmpty()) {
            without(Explanations.noCredentials(caller), "no AWS credentials");
            return;
        }
        AwsRegion region = AwsRegion.resolve(settings, caller.profiles(), caller.profileName());
        sts = StsGateway.create(caller.provider().get(), region, settings.stsEndpoint(), caller.profiles(), caller.profileName(),
                httpClient, redactor);
        resources.add(0, sts);
        reporter.report(AwsReporter.Severity.DEBUG, "AWS credentials: " + caller.source() + "; region " + region + "; STS at "
                + sts.endpoint());

        CallerIdentity identity;
        try {
            identity = sts.callerIdentity();
        } catch (StsFailure f) {
            without(Explanations.callerFailed(f, caller, sts), f.getMessage());
            return;
        }
        reporter.report(AwsReporter.Severity.DEBUG, "AWS caller: " + identity.arn());

        RoleDiscovery.Result roles = RoleDiscovery.discover(config, outputs, identity, region.id());
        Map<String, StsFailure> failures = new LinkedHashMap<>();
        for (RoleDiscovery.Target t : roles.targets().values()) {
            String sessionName = SessionNames.of(t.container(), identity);
            try {
                TemporaryCredentials c = sts.assumeRole(t.roleArn(), sessionName, settings.sessionDuration());
                sessions.put(t.container(), new RoleSession(t, sessionName, region.id(), c, clock.instant(), settings.refresh()));
                reporter.report(AwsReporter.Severity.DEBUG, t.container() + ": assumed " + t.roleArn() + " as session " + sessionName
                        + ", until " + c.expiration());
            } catch (StsFailure f) {
                failures.put(t.container(), f);
                withoutReason.put(t.container(), f.getMessage());
                unassumed.put(t.container(), t);
            }
        }
        roles.notInOutputs().forEach(c -> withoutReason.put(c, "not in the containers output of " + outputs.orElseThrow().file()));
        if (!sessions.isEmpty()) {
            reporter.report(AwsReporter.Severity.INFO, summary(identity, caller, region));
        }
        if (!failures.isEmpty() || !roles.notInOutputs().isEmpty()) {
            reporter.report(AwsReporter.Severity.WARNING, Explanations.assumeFailures(config, identity, roles.targets(), failures,
                    roles.notInOutputs(), outputs.map(o -> o.file().toString()).orElse("")));
        }
    }

    private String summary(CallerIdentity identity, CallerCredentials caller, AwsRegion region) {
        StringBuilder b = new StringBuilder("AWS: ").append(sessions.size() == 1 ? "1 container runs as its deployed role"
                        : sessions.size() + " containers run as their deployed roles").append(", assumed by ").append(identity.arn()).append(" (").append(caller.source())
                .append("), region ").append(region).append(':');
        int width = sessions.keySet().stream().mapToInt(String::length).max().orElse(0);
        for (RoleSession s : sessions.values()) {
            b.append("\n  ").append(s.container()).append(" ".repeat(width - s.container().length())).append("  ")
                    .append(s.target().roleArn()).append(" (").append(s.target().source()).append(')');
        }
        RoleSession first = sessions.values().iterator().next();
        b.append("\n  credentials are renewed ").append(minutes(first.interval())).append(" after issue and never printed");
        return b.toString();
    }

    private static String minutes(java.time.Duration d) {
        return d.toSeconds() >= 60 ? Math.round(d.toSeconds() / 60.0) + " min" : Math.round(d.toMillis() / 100.0) / 10.0 + " s";
    }

    /** Every container starts without credentials, for one reason, said once. */
    private void without(String warning, String reason) {
        config.containers().keySet().forEach(c -> withoutReason.put(c, reason));
        reporter.report(AwsReporter.Severity.WARNING, warning);
    }

    SecretRedactor redactor() {
        return redactor;
    }

    Map<String, RoleSession> sessions() {
        return sessions;
    }

    Map<String, String> withoutReason() {
        return withoutReason;
    }

    /** Roles found but not assumed (denied, or AWS failed), by container. */
    Map<String, RoleDiscovery.Target> unassumed() {
        return unassumed;
    }

    List<AutoCloseable> resources() {
        return resources;
    }

    StsGateway sts() {
        return sts;
    }

    static void closeAll(List<AutoCloseable> resources) {
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception ignored) {
                // closing an HTTP client or provider that failed to start: nothing to tell the user
            }
        }
    }
}
