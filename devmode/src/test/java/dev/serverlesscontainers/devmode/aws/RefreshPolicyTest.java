package dev.serverlesscontainers.devmode.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RefreshPolicyTest {
    final RefreshPolicy policy = RefreshPolicy.DEFAULT;

    @Test
    void renewsAt80PercentOrFiveMinutesBeforeExpiryWhicheverIsEarlier() {
        assertThat(policy.renewAfter(Duration.ofHours(1))).isEqualTo(Duration.ofMinutes(48));
        assertThat(policy.renewAfter(Duration.ofHours(12))).isEqualTo(Duration.ofMinutes(576));
        // 15 minutes, STS's shortest session: 12 min by share, 10 min by margin
        assertThat(policy.renewAfter(Duration.ofMinutes(15))).isEqualTo(Duration.ofMinutes(10));
        assertThat(policy.renewAfter(Duration.ofMinutes(25))).isEqualTo(Duration.ofMinutes(20));
    }

    @Test
    void veryShortSessionsAreRenewedAtHalfTheirLifetimeNotInALoop() {
        assertThat(policy.renewAfter(Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.renewAfter(Duration.ofMinutes(6))).isEqualTo(Duration.ofMinutes(3));
        assertThat(policy.renewAfter(Duration.ZERO)).isEqualTo(Duration.ZERO);
        assertThat(policy.renewAfter(Duration.ofSeconds(-5))).isEqualTo(Duration.ZERO);
    }

    @Test
    void retriesBackOffUpToTheCap() {
        assertThat(policy.retryDelay(1)).isEqualTo(Duration.ofSeconds(15));
        assertThat(policy.retryDelay(2)).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.retryDelay(3)).isEqualTo(Duration.ofSeconds(60));
        assertThat(policy.retryDelay(4)).isEqualTo(Duration.ofMinutes(2));
        assertThat(policy.retryDelay(400)).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void nonsenseIsRefusedWithTheValues() {
        assertThatThrownBy(() -> new RefreshPolicy(1.2, Duration.ofMinutes(5), 0.5, Duration.ofSeconds(1), Duration.ofSeconds(2)))
                .hasMessageContaining("got 0.5, 1.2");
        assertThatThrownBy(() -> new RefreshPolicy(0.8, Duration.ofMinutes(5), 0.5, Duration.ofSeconds(3), Duration.ofSeconds(2)))
                .hasMessageContaining("maxRetry >= firstRetry");
    }
}
