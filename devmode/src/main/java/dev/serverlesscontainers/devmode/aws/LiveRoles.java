package dev.serverlesscontainers.devmode.aws;

import dev.serverlesscontainers.model.config.ProjectConfig;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * Live AWS IAM roles for dev mode: each container gets temporary credentials of the role it runs as
 * when deployed, renewed before they expire.
 *
 * <pre>{@code
 * try (LiveRoles roles = LiveRoles.start(config, awsOptions.settings(env), reporter)) {
 *     roles.addRefreshListener((container, renewed) -> supervisor.reload(container));
 *     spec = new InstanceSpec(config, container, roles.environment(container.name()), logs);
 * }
 * }</pre>
 *
 * Containers without a role (AWS disabled, no credentials, denied) get an empty environment, and one
 * warning says why. Nothing here prints a secret: every message passes through {@link #redactor()},
 * which the caller also puts in front of container logs and the control plane.
 */
public final class LiveRoles implements AutoCloseable {

    /** Hears that a container's credentials were renewed, so that it is reloaded with them. */
    @FunctionalInterface
    public interface RefreshListener {
        /**
         * Called on the renewal thread once the new credentials are in place: start a new instance with
         * {@code environment} (the same as {@link #environment(String)} now returns), switch traffic to it
         * when healthy, then stop the old one. The old credentials stay valid meanwhile. Return quickly.
         */
        void credentialsRenewed(String container, Map<String, String> environment);
    }

    private final ProjectConfig config;
    private final SecretRedactor redactor;
    private final Map<String, RoleSession> sessions;
    private final Map<String, String> withoutReason;
    private final Map<String, RoleDiscovery.Target> unassumed;
    private final List<RefreshListener> listeners = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> resources;
    private final Renewer renewer;
    private boolean closed;

    private LiveRoles(ProjectConfig config, AwsSettings settings, Startup startup, AwsReporter reporter, Clock clock) {
        this.config = config;
        this.redactor = startup.redactor();
        this.sessions = startup.sessions();
        this.withoutReason = startup.withoutReason();
        this.unassumed = startup.unassumed();
        this.resources = startup.resources();
        this.renewer = sessions.isEmpty() ? null
                : new Renewer(new ArrayList<>(sessions.values()), startup.sts(), settings, clock, reporter, () -> listeners);
    }

    /**
     * Finds each container's role and assumes it. Blocks on STS calls (seconds at most): call it before
     * starting containers, off any event loop.
     *
     * @throws AwsSetupException bad input: stack outputs missing or malformed, an unknown {@code --aws-profile},
     *     a role in the stack outputs that belongs to another stack; exit with code 2
     */
    public static LiveRoles start(ProjectConfig config, AwsSettings settings, AwsReporter reporter) throws AwsSetupException {
        return start(config, settings, reporter, UrlConnectionHttpClient.builder().build(), Clock.systemUTC());
    }

    /** As {@link #start(ProjectConfig, AwsSettings, AwsReporter)}, with the HTTP client and clock given (tests). */
    static LiveRoles start(ProjectConfig config, AwsSettings settings, AwsReporter reporter, SdkHttpClient httpClient, Clock clock)
            throws AwsSetupException {
        SecretRedactor redactor = new SecretRedactor();
        AwsReporter redacted = redactor.redacting(reporter);
        Startup startup = new Startup(config, settings, redacted, redactor, httpClient, clock);
        startup.run();
        LiveRoles roles = new LiveRoles(config, settings, startup, redacted, clock);
        if (roles.renewer == null) {
            Startup.closeAll(roles.resources);
        } else {
            roles.renewer.start();
        }
        return roles;
    }

    /**
     * The variables to add to a new instance of {@code container}: {@code AWS_ACCESS_KEY_ID},
     * {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_SESSION_TOKEN}, {@code AWS_CREDENTIAL_EXPIRATION},
     * {@code AWS_REGION}, {@code AWS_DEFAULT_REGION}; empty when the container has no role. Ask again
     * for every instance started (a reload, a restart after a crash): the values change on renewal.
     * The map's {@code toString} hides the values.
     */
    public Map<String, String> environment(String container) {
        RoleSession s = sessions.get(container);
        return s == null ? RedactedEnvironment.EMPTY : s.environment();
    }

    public void addRefreshListener(RefreshListener listener) {
        listeners.add(listener);
    }

    public void removeRefreshListener(RefreshListener listener) {
        listeners.remove(listener);
    }

    /** Every container's role and credential state, in the config's order, for the control plane. */
    public List<RoleStatus> status() {
        List<RoleStatus> all = new ArrayList<>();
        for (String name : config.containers().keySet()) {
            RoleSession s = sessions.get(name);
            if (s != null) {
                all.add(s.status());
            } else {
                Optional<RoleDiscovery.Target> tried = Optional.ofNullable(unassumed.get(name));
                all.add(new RoleStatus(name, RoleStatus.State.NONE, tried.map(RoleDiscovery.Target::roleArn),
                        tried.map(t -> t.source().toString()), Optional.empty(), Optional.ofNullable(withoutReason.get(name))));
            }
        }
        return all;
    }

    /** True when at least one container runs with credentials of its role. */
    public boolean anyActive() {
        return !sessions.isEmpty();
    }

    /** Masks every AWS secret known to this run; put it in front of container logs and the control plane. */
    public SecretRedactor redactor() {
        return redactor;
    }

    /** Stops renewing and releases the HTTP client. Safe to call more than once. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (renewer != null) {
            renewer.close();
        }
        Startup.closeAll(resources);
    }

    @Override
    public String toString() {
        return "LiveRoles[" + config.resourcePrefix() + ", " + sessions.size() + " of " + config.containers().size()
                + " containers with credentials]";
    }

}
