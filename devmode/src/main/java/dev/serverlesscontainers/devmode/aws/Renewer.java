package dev.serverlesscontainers.devmode.aws;

import dev.serverlesscontainers.devmode.threads.DaemonThreads;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Renews every session before its credentials expire, on one thread of its own (STS calls block).
 * Sessions move together so that each event is reported once for all containers: a renewal takes
 * along every session past half its renewal interval, and every session whose renewal failed is
 * retried (with backoff) in each round. Listeners hear of every success.
 */
final class Renewer implements AutoCloseable {
    /** A session is renewed along with others once this share of its renewal interval has passed. */
    static final int GROUPING_DIVISOR = 2;
    /** How long closing waits for a renewal in flight; scf-dev must stop within seconds of Ctrl-C. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

    private final List<RoleSession> sessions;
    private final StsGateway sts;
    private final AwsSettings settings;
    private final Clock clock;
    private final AwsReporter reporter;
    private final Supplier<List<LiveRoles.RefreshListener>> listeners;
    private final ScheduledExecutorService executor;

    Renewer(List<RoleSession> sessions, StsGateway sts, AwsSettings settings, Clock clock, AwsReporter reporter,
            Supplier<List<LiveRoles.RefreshListener>> listeners) {
        this.sessions = List.copyOf(sessions);
        this.sts = sts;
        this.settings = settings;
        this.clock = clock;
        this.reporter = reporter;
        this.listeners = listeners;
        this.executor = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("scf-dev-aws-renewal"));
    }

    void start() {
        scheduleNext();
    }

    private void scheduleNext() {
        if (executor.isShutdown() || sessions.isEmpty()) {
            return;
        }
        Instant next = sessions.stream().map(RoleSession::due).min(Comparator.naturalOrder()).orElseThrow();
        // failing sessions of one round expire within moments of each other: look once, when all have
        Instant lastExpiry = sessions.stream().filter(s -> s.snapshot().state() == RoleStatus.State.RENEWAL_FAILING)
                .map(RoleSession::expiration).max(Comparator.naturalOrder()).orElse(null);
        if (lastExpiry != null && lastExpiry.plusMillis(1).isBefore(next)) {
            next = lastExpiry.plusMillis(1);
        }
        long delay = Math.max(0, Duration.between(clock.instant(), next).toMillis());
        try {
            executor.schedule(this::renewDue, delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // closed meanwhile: nothing more to renew
        }
    }

    private void renewDue() {
        try {
            renew(dueNow());
        } catch (RuntimeException unexpected) {
            reporter.report(AwsReporter.Severity.WARNING, "renewing AWS credentials failed unexpectedly ("
                    + unexpected.getClass().getSimpleName() + ": " + unexpected.getMessage() + "); retrying");
        } finally {
            scheduleNext();
        }
    }

    private List<RoleSession> dueNow() {
        Instant now = clock.instant();
        return sessions.stream()
                .filter(s -> s.failing() || !s.due().isAfter(now.plus(s.interval().dividedBy(GROUPING_DIVISOR))))
                .toList();
    }

    private void renew(List<RoleSession> due) {
        Map<String, Map<String, String>> renewed = new LinkedHashMap<>();
        List<String> recovered = new ArrayList<>();
        Map<String, StsFailure> newlyFailing = new LinkedHashMap<>();
        Map<String, StsFailure> newlyExpired = new LinkedHashMap<>();
        Instant validUntil = null;
        for (RoleSession s : due) {
            RoleSession.Snapshot before = s.snapshot();
            try {
                TemporaryCredentials c = sts.assumeRole(s.target().roleArn(), s.sessionName(), settings.sessionDuration());
                s.renewed(c, clock.instant(), settings.refresh());
                renewed.put(s.container(), s.environment());
                if (before.failures() > 0) {
                    recovered.add(s.container());
                }
                validUntil = validUntil == null || c.expiration().isBefore(validUntil) ? c.expiration() : validUntil;
            } catch (StsFailure f) {
                RoleStatus.State state = s.failed(f.getMessage(), clock.instant(), settings.refresh());
                if (before.failures() == 0) {
                    newlyFailing.put(s.container(), f);
                }
                if (state == RoleStatus.State.EXPIRED && before.state() != RoleStatus.State.EXPIRED) {
                    newlyExpired.put(s.container(), f);
                }
            }
        }
        if (!renewed.isEmpty()) {
            reporter.report(AwsReporter.Severity.INFO, "renewed the AWS credentials of " + String.join(", ", renewed.keySet())
                    + (recovered.isEmpty() ? "" : " (renewal works again)") + ", valid until " + validUntil + "; reloading them");
        }
        if (!newlyFailing.isEmpty()) {
            reporter.report(AwsReporter.Severity.WARNING, failingMessage(newlyFailing));
        }
        if (!newlyExpired.isEmpty()) {
            reporter.report(AwsReporter.Severity.WARNING, "the AWS credentials of " + String.join(", ", newlyExpired.keySet())
                    + " have expired and could not be renewed (" + newlyExpired.values().iterator().next().getMessage()
                    + "); their AWS calls fail until renewal works again (retrying every " + describe(settings.refresh().maxRetry())
                    + " at most)");
        }
        for (Map.Entry<String, Map<String, String>> e : renewed.entrySet()) {
            for (LiveRoles.RefreshListener l : listeners.get()) {
                try {
                    l.credentialsRenewed(e.getKey(), e.getValue());
                } catch (RuntimeException failure) {
                    reporter.report(AwsReporter.Severity.WARNING, "reloading " + e.getKey() + " with renewed AWS credentials failed ("
                            + failure.getMessage() + ")");
                }
            }
        }
    }

    private String failingMessage(Map<String, StsFailure> failing) {
        StsFailure first = failing.values().iterator().next();
        Instant until = sessions.stream().filter(s -> failing.containsKey(s.container()))
                .map(s -> s.snapshot().credentials().expiration()).min(Comparator.naturalOrder()).orElseThrow();
        String hint = switch (first.kind()) {
            case CALLER_EXPIRED, NO_CREDENTIALS -> "; your own AWS sign-in has ended: sign in again (aws sso login) and renewal resumes";
            case DENIED -> "; the role no longer trusts you (was devTrustPrincipalArns changed?)";
            default -> "";
        };
        return "could not renew the AWS credentials of " + String.join(", ", failing.keySet()) + " (" + first.getMessage()
                + "); the current ones stay valid until " + until + ", retrying" + hint;
    }

    private static String describe(Duration d) {
        return d.toSeconds() % 60 == 0 && d.toSeconds() >= 60 ? d.toMinutes() + " min" : d.toMillis() / 1000.0 + " s";
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
