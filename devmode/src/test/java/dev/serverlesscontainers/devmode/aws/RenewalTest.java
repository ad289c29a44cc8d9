package dev.serverlesscontainers.devmode.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Credentials are renewed before they expire and the supervisor is told, container by container, with
 * the new environment. The local STS issues credentials that last four seconds (enough headroom on a busy machine), so that renewal (at
 * half the lifetime for such short sessions) happens within the test.
 */
class RenewalTest extends AwsTestBase {
    static final Duration LIFETIME = Duration.ofSeconds(4);
    static final Duration PATIENCE = Duration.ofSeconds(15);
    static final RefreshPolicy QUICK_RETRIES = new RefreshPolicy(0.8, Duration.ofMinutes(5), 0.5, Duration.ofMillis(200), Duration.ofMillis(400));


    /** Every renewal the listener heard of, in order. */
    final List<Map.Entry<String, Map<String, String>>> heard = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        aws.sts.lifetime(LIFETIME);
    }

    @Test
    void credentialsAreRenewedBeforeExpiryAndTheListenerGetsTheNewOnes() throws Exception {
        Map<String, String> first;
        Instant started = Instant.now();
        Map<String, Instant> heardAt = new ConcurrentHashMap<>();
        try (LiveRoles roles = aws.start(aws.project("dev"), aws.settings().withRefresh(QUICK_RETRIES))) {
            first = roles.environment("api");
            Instant firstExpiry = Instant.parse(first.get("AWS_CREDENTIAL_EXPIRATION"));
            roles.addRefreshListener((container, env) -> {
                heard.add(Map.entry(container, env));
                heardAt.putIfAbsent(container, Instant.now());
            });
            await(() -> heardAt.size() == 3, "every container renewed");

            Map<String, String> renewed = firstHeard("api");
            assertThat(renewed.get("AWS_ACCESS_KEY_ID")).isNotEqualTo(first.get("AWS_ACCESS_KEY_ID"));
            assertThat(renewed.get("AWS_SECRET_ACCESS_KEY")).isNotEqualTo(first.get("AWS_SECRET_ACCESS_KEY"));
            assertThat(renewed.get("AWS_SESSION_TOKEN")).isNotEqualTo(first.get("AWS_SESSION_TOKEN"));
            assertThat(aws.sts.secrets()).contains(renewed.get("AWS_SECRET_ACCESS_KEY"), renewed.get("AWS_SESSION_TOKEN"));
            assertThat(Instant.parse(renewed.get("AWS_CREDENTIAL_EXPIRATION"))).isAfter(firstExpiry);
            assertThat(renewed).containsEntry("AWS_REGION", "eu-west-1");
            // renewed before the first credentials expired, and not before half their lifetime
            assertThat(heardAt.get("api")).isBefore(firstExpiry).isAfter(started.plus(LIFETIME.dividedBy(2)).minusMillis(50));
            // what a restarted instance would get now is at least as new as what the listener heard
            assertThat(roles.environment("api").get("AWS_CREDENTIAL_EXPIRATION"))
                    .isGreaterThanOrEqualTo(renewed.get("AWS_CREDENTIAL_EXPIRATION"));
            assertThat(roles.status()).extracting(RoleStatus::state).containsOnly(RoleStatus.State.ACTIVE);
        }
        // the same session names again, each container its own session
        assertThat(aws.sts.requests("AssumeRole").subList(3, 6)).extracting(r -> r.params().get("RoleSessionName"))
                .containsExactlyInAnyOrder("scf-dev.api.alice", "scf-dev.web.alice", "scf-dev.admin.alice");
        // the three sessions were renewed together: one message for all
        assertThat(aws.output.infos().get(1)).startsWith("renewed the AWS credentials of api, web, admin, valid until ");
        assertThat(aws.output.warnings()).isEmpty();
    }

    @Test
    void failedRenewalWarnsOnceThenExpiryOnceThenRecovers() throws Exception {
        try (LiveRoles roles = aws.start(aws.project("dev"), aws.settings().withRefresh(QUICK_RETRIES))) {
            Map<String, String> first = roles.environment("web");
            roles.addRefreshListener((container, env) -> heard.add(Map.entry(container, env)));
            aws.sts.fail("AssumeRole", 400, "ExpiredToken", "The security token included in the request is expired");

            // the renewer marks each role expired, then reports the expiry once for all of them
            await(() -> roles.status().stream().allMatch(s -> s.state() == RoleStatus.State.EXPIRED)
                    && aws.output.warnings().size() >= 2, "credentials expired, and the expiry reported");
            assertThat(heard).isEmpty();
            assertThat(aws.output.warnings()).hasSize(2);
            assertThat(aws.output.warnings().get(0)).startsWith("could not renew the AWS credentials of api, web, admin "
                    + "(ExpiredToken: The security token included in the request is expired); the current ones stay valid until ")
                    .contains("sign in again (aws sso login)");
            assertThat(aws.output.warnings().get(1)).startsWith("the AWS credentials of api, web, admin have expired and could not be renewed")
                    .contains("their AWS calls fail until renewal works again");
            assertThat(roles.status()).allSatisfy(s -> assertThat(s.detail()).hasValueSatisfying(d -> assertThat(d).startsWith("ExpiredToken")));
            // an instance started now still gets the last credentials: its AWS calls then say ExpiredToken
            assertThat(roles.environment("web")).isEqualTo(first);

            aws.sts.recover("AssumeRole");
            await(() -> heard.stream().map(Map.Entry::getKey).distinct().count() == 3, "renewal recovered");
            assertThat(roles.status()).extracting(RoleStatus::state).containsOnly(RoleStatus.State.ACTIVE);
            assertThat(roles.environment("web").get("AWS_ACCESS_KEY_ID")).isNotEqualTo(first.get("AWS_ACCESS_KEY_ID"));
        }
        assertThat(aws.output.warnings()).as("retries do not repeat the warning").hasSize(2);
        assertThat(aws.output.infos()).anySatisfy(i -> assertThat(i).contains("(renewal works again)"));
        // retried with backoff, not in a loop
        assertThat(aws.sts.requests("AssumeRole").size()).isLessThan(60);
    }

    @Test
    void aListenerThatThrowsDoesNotStopRenewal() throws Exception {
        try (LiveRoles roles = aws.start(aws.project("dev"), aws.settings())) {
            roles.addRefreshListener((container, env) -> {
                throw new IllegalStateException("supervisor is busy");
            });
            roles.addRefreshListener((container, env) -> heard.add(Map.entry(container, env)));
            await(() -> heard.size() >= 6, "two renewals of every container");
        }
        assertThat(aws.output.warnings()).anySatisfy(w -> assertThat(w).startsWith("reloading api with renewed AWS credentials failed")
                .contains("supervisor is busy"));
    }

    @Test
    void closeStopsRenewal() throws Exception {
        LiveRoles roles = aws.start(aws.project("dev"), aws.settings());
        roles.close();
        roles.close();
        int calls = aws.sts.requests().size();
        Thread.sleep(LIFETIME.toMillis());
        assertThat(aws.sts.requests()).hasSize(calls);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("scf-dev-aws-renewal") && t.isAlive());
    }

    private Map<String, String> firstHeard(String container) {
        return heard.stream().filter(e -> e.getKey().equals(container)).findFirst().orElseThrow().getValue();
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("waited " + PATIENCE.toSeconds() + " s for: " + what);
            }
            Thread.sleep(20);
        }
    }
}
