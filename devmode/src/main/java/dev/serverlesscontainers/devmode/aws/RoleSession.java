package dev.serverlesscontainers.devmode.aws;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One container's credentials of its role, renewed by the {@link Renewer}. Written only by the
 * renewer's thread; read from any thread through a volatile snapshot.
 */
final class RoleSession {
    /** What a reader sees: immutable. */
    record Snapshot(TemporaryCredentials credentials, Instant issuedAt, Instant renewAt, RoleStatus.State state,
            Optional<String> problem, int failures, Instant nextAttempt) {}

    private final RoleDiscovery.Target target;
    private final String sessionName;
    private final String region;
    private volatile Snapshot snapshot;

    RoleSession(RoleDiscovery.Target target, String sessionName, String region, TemporaryCredentials first, Instant now,
            RefreshPolicy policy) {
        this.target = target;
        this.sessionName = sessionName;
        this.region = region;
        renewed(first, now, policy);
    }

    RoleDiscovery.Target target() {
        return target;
    }

    String container() {
        return target.container();
    }

    String sessionName() {
        return sessionName;
    }

    Snapshot snapshot() {
        return snapshot;
    }

    /** When the renewer should next act for this session: its renewal time, or its next retry. */
    Instant due() {
        Snapshot s = snapshot;
        return s.failures() == 0 ? s.renewAt() : s.nextAttempt();
    }

    /** How long before {@link #due()} the renewal interval is, to group sessions due close together. */
    Duration interval() {
        Snapshot s = snapshot;
        return Duration.between(s.issuedAt(), s.renewAt());
    }

    void renewed(TemporaryCredentials credentials, Instant now, RefreshPolicy policy) {
        Duration lifetime = Duration.between(now, credentials.expiration());
        Instant renewAt = now.plus(policy.renewAfter(lifetime));
        snapshot = new Snapshot(credentials, now, renewAt, RoleStatus.State.ACTIVE, Optional.empty(), 0, renewAt);
    }

    /** Records a failed renewal and returns the state it leaves the session in. */
    RoleStatus.State failed(String problem, Instant now, RefreshPolicy policy) {
        Snapshot s = snapshot;
        int failures = s.failures() + 1;
        RoleStatus.State state = now.isBefore(s.credentials().expiration()) ? RoleStatus.State.RENEWAL_FAILING : RoleStatus.State.EXPIRED;
        snapshot = new Snapshot(s.credentials(), s.issuedAt(), s.renewAt(), state, Optional.of(problem), failures,
                now.plus(policy.retryDelay(failures)));
        return state;
    }

    boolean failing() {
        return snapshot.failures() > 0;
    }

    Instant expiration() {
        return snapshot.credentials().expiration();
    }

    /**
     * The variables to inject. After expiry they are kept: an app that calls AWS then gets AWS's
     * {@code ExpiredToken}, which names the problem, rather than a missing-credentials error.
     */
    Map<String, String> environment() {
        return snapshot.credentials().environment(region);
    }

    RoleStatus status() {
        Snapshot s = snapshot;
        return new RoleStatus(container(), s.state(), Optional.of(target.roleArn()), Optional.of(target.source().toString()),
                Optional.of(s.credentials().expiration()), s.problem());
    }
}
